namespace StressMargin.Core.Numerics;

/// <summary>
/// The standard normal distribution: cumulative distribution Φ and its inverse, in double precision.
/// Φ(x) = ½·erfc(−x/√2) with Cody's erfc (<see cref="Erfc"/>); Φ⁻¹ by M. J. Wichura, "Algorithm AS 241: The
/// Percentage Points of the Normal Distribution", Applied Statistics 37(3) (1988) 477–484 (PPND16, relative
/// accuracy about 1e-16). Both are checked against MathNet.Numerics in the tests.
/// </summary>
public static class Normal
{
    /// <summary>1/√2.</summary>
    public const double InvSqrt2 = 0.70710678118654752440;

    /// <summary>Cumulative distribution Φ(x) = ½·erfc(−x/√2), full relative precision in the lower tail.</summary>
    /// <param name="x">Any real.</param>
    /// <returns>Φ(x) in [0, 1].</returns>
    public static double Cdf(double x) => 0.5 * Erfc.Evaluate(-x * InvSqrt2);

    private static readonly double[] As241A = [3.3871328727963666080e0, 1.3314166789178437745e2, 1.9715909503065514427e3, 1.3731693765509461125e4, 4.5921953931549871457e4, 6.7265770927008700853e4, 3.3430575583588128105e4, 2.5090809287301226727e3];
    private static readonly double[] As241B = [1.0, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3, 2.1213794301586595867e4, 3.9307895800092710610e4, 2.8729085735721942674e4, 5.2264952788528545610e3];
    private static readonly double[] As241C = [1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4];
    private static readonly double[] As241D = [1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1, 1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9];
    private static readonly double[] As241E = [6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
    private static readonly double[] As241F = [1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2, 7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15];

    /// <summary>Inverse cumulative distribution Φ⁻¹(p) by Wichura's AS 241 (PPND16).</summary>
    /// <param name="p">Probability in the open interval (0, 1).</param>
    /// <returns>z with Φ(z) = p; −∞ for p = 0 and +∞ for p = 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">p outside [0, 1] or NaN.</exception>
    public static double InverseCdf(double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "probability must lie in [0, 1]");
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - q * q;
            return q * Horner(As241A, r) / Horner(As241B, r);
        }
        double rr = Math.Sqrt(-Math.Log(q < 0 ? p : 1.0 - p));
        double z = rr <= 5.0
            ? Horner(As241C, rr - 1.6) / Horner(As241D, rr - 1.6)
            : Horner(As241E, rr - 5.0) / Horner(As241F, rr - 5.0);
        return q < 0 ? -z : z;
    }

    /// <summary>Σ c[i]·x^i by Horner's rule, highest power first.</summary>
    private static double Horner(double[] c, double x)
    {
        double s = c[^1];
        for (int i = c.Length - 2; i >= 0; i--) s = s * x + c[i];
        return s;
    }
}
