using System.Runtime.CompilerServices;

namespace StressMargin.Core.Numerics;

/// <summary>
/// Philox4x32-10, the counter-based random number generator of Salmon, Moraes, Dror and Shaw,
/// "Parallel Random Numbers: As Easy as 1, 2, 3", SC11 (2011). A pure function of a 128-bit counter and a
/// 64-bit key: any block can be computed anywhere, in any order, on any thread or device, with the same result.
/// Checked against the Random123 known-answer vectors (tests/…/PhiloxTests).
/// </summary>
public static class Philox4x32
{
    /// <summary>Round multiplier for words 0/1 (Random123 PHILOX_M4x32_0).</summary>
    public const uint M0 = 0xD2511F53;
    /// <summary>Round multiplier for words 2/3 (Random123 PHILOX_M4x32_1).</summary>
    public const uint M1 = 0xCD9E8D57;
    /// <summary>Key schedule increment for key word 0 (golden ratio, PHILOX_W32_0).</summary>
    public const uint W0 = 0x9E3779B9;
    /// <summary>Key schedule increment for key word 1 (sqrt(3) − 1, PHILOX_W32_1).</summary>
    public const uint W1 = 0xBB67AE85;

    /// <summary>One Philox4x32-10 block: ten rounds on the counter under the key.</summary>
    /// <param name="counter">Counter words c0..c3 (c0 least significant).</param>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <returns>Four independent uniformly distributed 32-bit words.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint R0, uint R1, uint R2, uint R3) Generate((uint C0, uint C1, uint C2, uint C3) counter, uint key0, uint key1)
    {
        uint c0 = counter.C0, c1 = counter.C1, c2 = counter.C2, c3 = counter.C3;
        for (int round = 0; round < 10; round++)
        {
            if (round > 0) { key0 += W0; key1 += W1; }
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0;
            uint hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
            c0 = hi1 ^ c1 ^ key0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ key1;
            c3 = lo0;
        }
        return (c0, c1, c2, c3);
    }

    /// <summary>
    /// Maps two 32-bit words to a double uniform on the open interval (0, 1) with 52 random bits:
    /// u = (⌊(hi·2³² + lo) / 2¹²⌋ + ½) · 2⁻⁵², so 2⁻⁵³ ≤ u ≤ 1 − 2⁻⁵³. Every value is exact in double precision
    /// (with 53 bits, the largest value 1 − 2⁻⁵⁴ would round to 1), so log(u), log(1 − u) and Φ⁻¹(u) are finite.
    /// </summary>
    /// <param name="lo">Low word.</param>
    /// <param name="hi">High word.</param>
    /// <returns>u in (0, 1).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUniformOpen(uint lo, uint hi)
    {
        ulong bits = (((ulong)hi << 32) | lo) >> 12;
        return (bits + 0.5) * (1.0 / 4503599627370496.0);
    }
}
