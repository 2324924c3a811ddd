namespace StressMargin.Core.RiskModel;

/// <summary>
/// The historical dates of filtered historical simulation, drawn from Philox like every other random number
/// (<see cref="ScenarioRandom"/>), so any backend draws the same dates:
/// <list type="bullet">
/// <item>day d of a path (d = 0 for the start date of consecutive days; d = 0 … D − 1 for independent days) uses the
/// block (seed, path, step 0, draw <see cref="DrawBase"/> + d);</item>
/// <item>its words r0, r1 form the 64-bit integer m = r1·2³² + r0, and the index among <c>count</c> candidates is
/// ⌊m·count / 2⁶⁴⌋, the high 64 bits of the 128-bit product (D. Lemire, "Fast random integer generation in an
/// interval", ACM TOMACS 29(1), 2019; bias below count/2⁶⁴). Integer arithmetic only, so it is exact on every device;
/// the high word is formed from four 32×32-bit partial products (<see cref="MultiplyHigh"/>), which ILGPU compiles
/// (it does not compile <c>Math.BigMul</c>).</item>
/// </list>
/// The draw range [0x40000000, 0x40000000 + D) lies above the normal blocks (draw ⌊i/2⌋ &lt; 2U) and below the
/// chi-square blocks (≥ 0x80000000).
/// </summary>
public static class HistoricalDateDraw
{
    /// <summary>First draw index of the date stream.</summary>
    public const uint DrawBase = 0x4000_0000;

    /// <summary>The index of the date drawn for day <paramref name="day"/> of a path.</summary>
    /// <param name="seed">Simulation seed.</param>
    /// <param name="path">Path index.</param>
    /// <param name="day">Day d (0-based), below 2³⁰.</param>
    /// <param name="count">Number of candidate dates, ≥ 1.</param>
    /// <returns>An index in [0, count).</returns>
    public static int Index(ulong seed, long path, int day, int count)
    {
        var (r0, r1, _, _) = ScenarioRandom.Block(seed, path, 0, DrawBase + (uint)day);
        ulong m = ((ulong)r1 << 32) | r0;
        return (int)MultiplyHigh(m, (ulong)count);
    }

    /// <summary>The high 64 bits of the 128-bit product a·b, from four 32×32 → 64-bit partial products (equal to
    /// <c>Math.BigMul(a, b, out _)</c>, tested).</summary>
    /// <param name="a">First factor.</param>
    /// <param name="b">Second factor.</param>
    /// <returns>⌊a·b / 2⁶⁴⌋.</returns>
    public static ulong MultiplyHigh(ulong a, ulong b)
    {
        ulong a0 = (uint)a, a1 = a >> 32, b0 = (uint)b, b1 = b >> 32;
        ulong p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
        ulong middle = (p00 >> 32) + (uint)p01 + (uint)p10;
        return p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
    }
}
