using System.Runtime.CompilerServices;
using StressMargin.Core.Numerics;

namespace StressMargin.Core.RiskModel;

/// <summary>
/// The random numbers of a simulation, as a pure function of (seed, path, step, draw): Philox4x32-10 keyed by
/// the seed (key = low and high 32 bits), counter = (path low 32 bits, path high 32 bits, step, draw). Any path can
/// be regenerated anywhere, so every backend draws identical scenarios and results do not depend on the number of
/// threads or on how paths are split into blocks.
/// <list type="bullet">
/// <item>Normal number i of a (path, step) comes from draw block i/2: words (0, 1) for even i, (2, 3) for odd i,
/// turned into a uniform u ∈ (0, 1) with 52 bits (<see cref="Philox4x32.ToUniformOpen"/>) and then into
/// z = Φ⁻¹(u) by Wichura's AS 241 (<see cref="Normal.InverseCdf"/>).</item>
/// <item>The chi-square of the Student t is drawn by Marsaglia–Tsang rejection from draw blocks
/// <see cref="GammaDrawBase"/> + attempt: words (0, 1) give its normal, words (2, 3) its uniform.</item>
/// </list>
/// </summary>
public static class ScenarioRandom
{
    /// <summary>First draw index of the chi-square stream, far above any normal block.</summary>
    public const uint GammaDrawBase = 0x8000_0000;

    /// <summary>Bound on Marsaglia–Tsang attempts; the acceptance probability is above 0.95 per attempt for ν ≥ 2.</summary>
    public const int MaxGammaAttempts = 256;

    /// <summary>One Philox block for (seed, path, step, draw).</summary>
    /// <param name="seed">Simulation seed (the key).</param>
    /// <param name="path">Path index, 0-based.</param>
    /// <param name="step">Step index, 0-based.</param>
    /// <param name="draw">Draw block index.</param>
    /// <returns>Four 32-bit words.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint R0, uint R1, uint R2, uint R3) Block(ulong seed, long path, int step, uint draw) =>
        Philox4x32.Generate(((uint)path, (uint)((ulong)path >> 32), (uint)step, draw), (uint)seed, (uint)(seed >> 32));

    /// <summary>Fills <paramref name="normals"/> with standard normals 0..n−1 of (path, step).</summary>
    /// <param name="seed">Seed.</param>
    /// <param name="path">Path index.</param>
    /// <param name="step">Step index.</param>
    /// <param name="normals">Destination, length n.</param>
    public static void StandardNormals(ulong seed, long path, int step, Span<double> normals)
    {
        for (int i = 0; i < normals.Length; i += 2)
        {
            var (r0, r1, r2, r3) = Block(seed, path, step, (uint)(i >> 1));
            normals[i] = Normal.InverseCdf<SystemMath>(Philox4x32.ToUniformOpen(r0, r1));
            if (i + 1 < normals.Length) normals[i + 1] = Normal.InverseCdf<SystemMath>(Philox4x32.ToUniformOpen(r2, r3));
        }
    }

    /// <summary>Standard normal <paramref name="index"/> of (path, step): block draw ⌊index/2⌋, words (0, 1) for an even
    /// index and (2, 3) for an odd one, AS 241 of the 52-bit open uniform. Device math (no validation).</summary>
    /// <typeparam name="TMath">Elementary functions (the ln of AS 241's tails).</typeparam>
    /// <param name="seed">Seed.</param>
    /// <param name="path">Path index.</param>
    /// <param name="step">Step index.</param>
    /// <param name="index">Normal index i ≥ 0.</param>
    /// <returns>z ~ N(0, 1), equal to element i of <see cref="StandardNormals"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double StandardNormal<TMath>(ulong seed, long path, int step, int index) where TMath : struct, IDeviceMath
    {
        var (r0, r1, r2, r3) = Block(seed, path, step, (uint)(index >> 1));
        return Normal.InverseCdf<TMath>((index & 1) == 0 ? Philox4x32.ToUniformOpen(r0, r1) : Philox4x32.ToUniformOpen(r2, r3));
    }

    /// <summary>
    /// A chi-square variate with ν degrees of freedom, W = 2·G with G ~ Gamma(ν/2, 1) by G. Marsaglia and
    /// W. W. Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3) (2000) 363–372:
    /// d = a − 1/3, c = 1/√(9d); accept v = (1 + c·z)³ &gt; 0 when ln u &lt; ½z² + d − d·v + d·ln v; G = d·v.
    /// </summary>
    /// <param name="seed">Seed.</param>
    /// <param name="path">Path index.</param>
    /// <param name="step">Step index.</param>
    /// <param name="degreesOfFreedom">ν ≥ 2 (shape a = ν/2 ≥ 1, where the method applies directly).</param>
    /// <returns>W &gt; 0.</returns>
    /// <exception cref="InvalidOperationException">No acceptance in <see cref="MaxGammaAttempts"/> attempts (probability below 1e-300).</exception>
    public static double ChiSquare(ulong seed, long path, int step, double degreesOfFreedom)
    {
        double w = ChiSquare<SystemMath>(seed, path, step, degreesOfFreedom);
        return double.IsNaN(w) ? throw NoChiSquare(path, step) : w;
    }

    /// <summary>The device form of <see cref="ChiSquare(ulong, long, int, double)"/>: NaN instead of an exception when
    /// no attempt is accepted, so that a kernel can report it (<see cref="NoChiSquare"/> gives the CPU's message).</summary>
    /// <typeparam name="TMath">Elementary functions.</typeparam>
    /// <param name="seed">Seed.</param>
    /// <param name="path">Path index.</param>
    /// <param name="step">Step index.</param>
    /// <param name="degreesOfFreedom">ν ≥ 2.</param>
    /// <returns>W &gt; 0, or NaN after <see cref="MaxGammaAttempts"/> rejections.</returns>
    public static double ChiSquare<TMath>(ulong seed, long path, int step, double degreesOfFreedom) where TMath : struct, IDeviceMath
    {
        double d = 0.5 * degreesOfFreedom - 1.0 / 3.0;
        double c = 1.0 / Math.Sqrt(9.0 * d);
        for (uint attempt = 0; attempt < MaxGammaAttempts; attempt++)
        {
            var (r0, r1, r2, r3) = Block(seed, path, step, GammaDrawBase + attempt);
            double z = Normal.InverseCdf<TMath>(Philox4x32.ToUniformOpen(r0, r1));
            double t = 1.0 + c * z;
            if (t <= 0) continue;
            double v = t * t * t;
            double u = Philox4x32.ToUniformOpen(r2, r3);
            if (default(TMath).Log(u) < 0.5 * z * z + d - d * v + d * default(TMath).Log(v)) return 2.0 * d * v;
        }
        return double.NaN;
    }

    /// <summary>The error for a path whose chi-square found no acceptance.</summary>
    /// <param name="path">Path index.</param>
    /// <param name="step">Step index.</param>
    /// <returns>The exception to throw.</returns>
    public static InvalidOperationException NoChiSquare(long path, int step) =>
        new($"Marsaglia–Tsang found no chi-square variate on path {path}, step {step}");
}
