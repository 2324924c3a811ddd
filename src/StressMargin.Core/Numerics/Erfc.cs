namespace StressMargin.Core.Numerics;

/// <summary>
/// The complementary error function erfc(x) to full double precision (relative error about 1e-16),
/// by the rational Chebyshev approximations of W. J. Cody, "Rational Chebyshev approximations for the error
/// function", Math. Comp. 23 (1969) 631–637, as in his SPECFUN routine CALERF (netlib). Three ranges:
/// |x| ≤ 0.46875, 0.46875 &lt; |x| ≤ 4, |x| &gt; 4; exp(−x²) is evaluated as exp(−y²)·exp(−(x−y)(x+y)) with
/// y = x rounded down to 1/16 to keep full relative accuracy in the tail.
/// <para>This is the device math of every backend: the generic overloads take their exp from <see cref="IDeviceMath"/>
/// and contain no tables, throws or allocation, so ILGPU compiles them into the kernels; the vectorized CPU kernel
/// uses the same coefficients (the constants below) and the same operation order.</para>
/// </summary>
public static class Erfc
{
    internal const double Threshold = 0.46875;
    internal const double Split = 4.0;
    /// <summary>Above this, erfc(x) underflows to zero in double precision.</summary>
    internal const double XBig = 26.543;
    internal const double InvSqrtPi = 0.56418958354775628695;

    // |x| ≤ 0.46875: erf(x) = x·A(x²)/B(x²).
    internal const double A0 = 3.1611237438705656, A1 = 113.864154151050156, A2 = 377.485237685302021, A3 = 3209.37758913846947, A4 = 0.185777706184603153;
    internal const double B0 = 23.6012909523441209, B1 = 244.024637934444173, B2 = 1282.61652607737228, B3 = 2844.23683343917062;
    // 0.46875 < |x| ≤ 4: erfc(x) = e^(−x²)·C(x)/D(x).
    internal const double C0 = 0.564188496988670089, C1 = 8.88314979438837594, C2 = 66.1191906371416295, C3 = 298.635138197400131, C4 = 881.95222124176909,
        C5 = 1712.04761263407058, C6 = 2051.07837782607147, C7 = 1230.33935479799725, C8 = 2.15311535474403846e-8;
    internal const double D0 = 15.7449261107098347, D1 = 117.693950891312499, D2 = 537.181101862009858, D3 = 1621.38957456669019, D4 = 3290.79923573345963,
        D5 = 4362.61909014324716, D6 = 3439.36767414372164, D7 = 1230.33935480374942;
    // |x| > 4: erfc(x) = e^(−x²)/x·(1/√π − z·P(z)/Q(z)), z = 1/x².
    internal const double P0 = 0.305326634961232344, P1 = 0.360344899949804439, P2 = 0.125781726111229246, P3 = 0.0160837851487422766, P4 = 6.58749161529837803e-4, P5 = 0.0163153871373020978;
    internal const double Q0 = 2.56852019228982242, Q1 = 1.87295284992346047, Q2 = 0.527905102951428412, Q3 = 0.0605183413124413191, Q4 = 0.00233520497626869185;

    /// <summary>erfc(x) = (2/√π) ∫ₓ^∞ e^(−t²) dt, with System.Math's exp.</summary>
    /// <param name="x">Any real; NaN propagates.</param>
    /// <returns>erfc(x) in [0, 2].</returns>
    public static double Evaluate(double x) => Evaluate<SystemMath>(x);

    /// <summary>erfc(x) with the exp of <typeparamref name="TMath"/>.</summary>
    /// <typeparam name="TMath">Elementary functions.</typeparam>
    /// <param name="x">Any real; NaN propagates.</param>
    /// <returns>erfc(x) in [0, 2].</returns>
    public static double Evaluate<TMath>(double x) where TMath : struct, IDeviceMath
    {
        double y = Math.Abs(x);
        if (y <= Threshold)
        {
            double ysq = y * y;
            double num = A4 * ysq, den = ysq;
            num = (num + A0) * ysq; den = (den + B0) * ysq;
            num = (num + A1) * ysq; den = (den + B1) * ysq;
            num = (num + A2) * ysq; den = (den + B2) * ysq;
            return 1.0 - x * (num + A3) / (den + B3);
        }
        double r;
        if (y <= Split)
        {
            double num = C8 * y, den = y;
            num = (num + C0) * y; den = (den + D0) * y;
            num = (num + C1) * y; den = (den + D1) * y;
            num = (num + C2) * y; den = (den + D2) * y;
            num = (num + C3) * y; den = (den + D3) * y;
            num = (num + C4) * y; den = (den + D4) * y;
            num = (num + C5) * y; den = (den + D5) * y;
            num = (num + C6) * y; den = (den + D6) * y;
            r = (num + C7) / (den + D7);
        }
        else if (y >= XBig)
        {
            return x > 0 ? 0.0 : 2.0;
        }
        else
        {
            double z = 1.0 / (y * y);
            double num = P5 * z, den = z;
            num = (num + P0) * z; den = (den + Q0) * z;
            num = (num + P1) * z; den = (den + Q1) * z;
            num = (num + P2) * z; den = (den + Q2) * z;
            num = (num + P3) * z; den = (den + Q3) * z;
            r = z * (num + P4) / (den + Q4);
            r = (InvSqrtPi - r) / y;
        }
        // r·exp(−y²), with exp(−y²) split as exp(−ỹ²)·exp(−(y−ỹ)(y+ỹ)), ỹ = ⌊16y⌋/16 (Cody).
        double ysqr = Math.Floor(y * 16.0) / 16.0;
        double del = (y - ysqr) * (y + ysqr);
        r = default(TMath).Exp(-ysqr * ysqr) * default(TMath).Exp(-del) * r;
        return x < 0 ? 2.0 - r : r;
    }

    /// <summary>erfc(x) in single precision: the same ranges, coefficients rounded to float and float arithmetic
    /// (relative error a few float ulp), for the single-precision GPU revaluation.</summary>
    /// <typeparam name="TMath">Elementary functions (single-precision exp).</typeparam>
    /// <param name="x">Any real.</param>
    /// <returns>erfc(x) in [0, 2].</returns>
    public static float Evaluate<TMath>(float x) where TMath : struct, IDeviceMath
    {
        float y = Math.Abs(x);
        if (y <= (float)Threshold)
        {
            float ysq = y * y;
            float num = (float)A4 * ysq, den = ysq;
            num = (num + (float)A0) * ysq; den = (den + (float)B0) * ysq;
            num = (num + (float)A1) * ysq; den = (den + (float)B1) * ysq;
            num = (num + (float)A2) * ysq; den = (den + (float)B2) * ysq;
            return 1.0f - x * (num + (float)A3) / (den + (float)B3);
        }
        float r;
        if (y <= (float)Split)
        {
            float num = (float)C8 * y, den = y;
            num = (num + (float)C0) * y; den = (den + (float)D0) * y;
            num = (num + (float)C1) * y; den = (den + (float)D1) * y;
            num = (num + (float)C2) * y; den = (den + (float)D2) * y;
            num = (num + (float)C3) * y; den = (den + (float)D3) * y;
            num = (num + (float)C4) * y; den = (den + (float)D4) * y;
            num = (num + (float)C5) * y; den = (den + (float)D5) * y;
            num = (num + (float)C6) * y; den = (den + (float)D6) * y;
            r = (num + (float)C7) / (den + (float)D7);
        }
        else if (y >= (float)XBig)
        {
            return x > 0 ? 0.0f : 2.0f;
        }
        else
        {
            float z = 1.0f / (y * y);
            float num = (float)P5 * z, den = z;
            num = (num + (float)P0) * z; den = (den + (float)Q0) * z;
            num = (num + (float)P1) * z; den = (den + (float)Q1) * z;
            num = (num + (float)P2) * z; den = (den + (float)Q2) * z;
            num = (num + (float)P3) * z; den = (den + (float)Q3) * z;
            r = z * (num + (float)P4) / (den + (float)Q4);
            r = ((float)InvSqrtPi - r) / y;
        }
        float ysqr = MathF.Floor(y * 16.0f) / 16.0f;
        float del = (y - ysqr) * (y + ysqr);
        r = default(TMath).Exp(-ysqr * ysqr) * default(TMath).Exp(-del) * r;
        return x < 0 ? 2.0f - r : r;
    }
}
