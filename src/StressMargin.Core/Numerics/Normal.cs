namespace StressMargin.Core.Numerics;

/// <summary>
/// The standard normal distribution: cumulative distribution Φ and its inverse, in double precision.
/// Φ(x) = ½·erfc(−x/√2) with Cody's erfc (<see cref="Erfc"/>); Φ⁻¹ by M. J. Wichura, "Algorithm AS 241: The
/// Percentage Points of the Normal Distribution", Applied Statistics 37(3) (1988) 477–484 (PPND16, relative
/// accuracy about 1e-16). Both are checked against MathNet.Numerics in the tests.
/// <para>The generic overloads are the device math of every backend (<see cref="IDeviceMath"/> picks exp and log); they
/// do not validate their argument, so that ILGPU can compile them into kernels. The non-generic overloads use
/// <see cref="SystemMath"/>.</para>
/// </summary>
public static class Normal
{
    /// <summary>1/√2.</summary>
    public const double InvSqrt2 = 0.70710678118654752440;

    /// <summary>Cumulative distribution Φ(x) = ½·erfc(−x/√2), full relative precision in the lower tail.</summary>
    /// <param name="x">Any real.</param>
    /// <returns>Φ(x) in [0, 1].</returns>
    public static double Cdf(double x) => Cdf<SystemMath>(x);

    /// <summary>Φ(x) with the elementary functions of <typeparamref name="TMath"/>.</summary>
    /// <typeparam name="TMath">Elementary functions.</typeparam>
    /// <param name="x">Any real.</param>
    /// <returns>Φ(x) in [0, 1].</returns>
    public static double Cdf<TMath>(double x) where TMath : struct, IDeviceMath => 0.5 * Erfc.Evaluate<TMath>(-x * InvSqrt2);

    /// <summary>Φ(x) in single precision (Cody's erfc with float coefficients).</summary>
    /// <typeparam name="TMath">Elementary functions.</typeparam>
    /// <param name="x">Any real.</param>
    /// <returns>Φ(x) in [0, 1].</returns>
    public static float Cdf<TMath>(float x) where TMath : struct, IDeviceMath => 0.5f * Erfc.Evaluate<TMath>(-x * (float)InvSqrt2);

    /// <summary>Inverse cumulative distribution Φ⁻¹(p) by Wichura's AS 241 (PPND16).</summary>
    /// <param name="p">Probability in [0, 1].</param>
    /// <returns>z with Φ(z) = p; −∞ for p = 0 and +∞ for p = 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">p outside [0, 1] or NaN.</exception>
    public static double InverseCdf(double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "probability must lie in [0, 1]");
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        return InverseCdf<SystemMath>(p);
    }

    /// <summary>
    /// Φ⁻¹(p) by AS 241 for p in the open interval (0, 1), unchecked (device math: the simulation's uniforms are
    /// never 0 or 1, <see cref="Philox4x32.ToUniformOpen"/>). Central region |p − ½| ≤ 0.425: q·A(r)/B(r) with
    /// r = 0.180625 − q²; tails: r = √(−ln min(p, 1 − p)), C(r − 1.6)/D(r − 1.6) for r ≤ 5, else E(r − 5)/F(r − 5);
    /// each polynomial of degree 7 by Horner's rule, highest power first.
    /// </summary>
    /// <typeparam name="TMath">Elementary functions (ln).</typeparam>
    /// <param name="p">Probability in (0, 1).</param>
    /// <returns>Φ⁻¹(p).</returns>
    public static double InverseCdf<TMath>(double p) where TMath : struct, IDeviceMath
    {
        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - q * q;
            double a = (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r + 1.3314166789178437745e2) * r + 3.3871328727963666080e0);
            double b = (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r + 4.2313330701600911252e1) * r + 1.0);
            return q * a / b;
        }
        double rr = Math.Sqrt(-default(TMath).Log(q < 0 ? p : 1.0 - p));
        double z;
        if (rr <= 5.0)
        {
            double t = rr - 1.6;
            double c = (((((((7.74545014278341407640e-4 * t + 2.27238449892691845833e-2) * t + 2.41780725177450611770e-1) * t + 1.27045825245236838258e0) * t + 3.64784832476320460504e0) * t + 5.76949722146069140550e0) * t + 4.63033784615654529590e0) * t + 1.42343711074968357734e0);
            double d = (((((((1.05075007164441684324e-9 * t + 5.47593808499534494600e-4) * t + 1.51986665636164571966e-2) * t + 1.48103976427480074590e-1) * t + 6.89767334985100004550e-1) * t + 1.67638483018380384940e0) * t + 2.05319162663775882187e0) * t + 1.0);
            z = c / d;
        }
        else
        {
            double t = rr - 5.0;
            double e = (((((((2.01033439929228813265e-7 * t + 2.71155556874348757815e-5) * t + 1.24266094738807843860e-3) * t + 2.65321895265761230930e-2) * t + 2.96560571828504891230e-1) * t + 1.78482653991729133580e0) * t + 5.46378491116411436990e0) * t + 6.65790464350110377720e0);
            double f = (((((((2.04426310338993978564e-15 * t + 1.42151175831644588870e-7) * t + 1.84631831751005468180e-5) * t + 7.86869131145613259100e-4) * t + 1.48753612908506148525e-2) * t + 1.36929880922735805310e-1) * t + 5.99832206555887937690e-1) * t + 1.0);
            z = e / f;
        }
        return q < 0 ? -z : z;
    }
}
