using System.Runtime.CompilerServices;

namespace StressMargin.Core.Numerics;

/// <summary>
/// The complementary error function erfc(x) to full double precision (relative error about 1e-16),
/// by the rational Chebyshev approximations of W. J. Cody, "Rational Chebyshev approximations for the error
/// function", Math. Comp. 23 (1969) 631–637, as in his SPECFUN routine CALERF (netlib). Three ranges:
/// |x| ≤ 0.46875, 0.46875 &lt; |x| ≤ 4, |x| &gt; 4; exp(−x²) is evaluated as exp(−y²)·exp(−(x−y)(x+y)) with
/// y = x rounded down to 1/16 to keep full relative accuracy in the tail.
/// The vectorized CPU kernel uses the same coefficients and operation order; so must any other backend.
/// </summary>
public static class Erfc
{
    internal const double Threshold = 0.46875;
    internal const double Split = 4.0;
    /// <summary>Above this, erfc(x) underflows to zero in double precision.</summary>
    internal const double XBig = 26.543;
    internal const double InvSqrtPi = 0.56418958354775628695;

    internal static readonly double[] A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
    internal static readonly double[] B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
    internal static readonly double[] C = [0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909, 1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8];
    internal static readonly double[] D = [15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963, 4362.61909014324716, 3439.36767414372164, 1230.33935480374942];
    internal static readonly double[] P = [0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978];
    internal static readonly double[] Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];

    /// <summary>erfc(x) = (2/√π) ∫ₓ^∞ e^(−t²) dt.</summary>
    /// <param name="x">Any real; NaN propagates.</param>
    /// <returns>erfc(x) in [0, 2].</returns>
    public static double Evaluate(double x)
    {
        double y = Math.Abs(x);
        if (y <= Threshold)
        {
            double ysq = y * y;
            double num = A[4] * ysq, den = ysq;
            for (int i = 0; i < 3; i++) { num = (num + A[i]) * ysq; den = (den + B[i]) * ysq; }
            return 1.0 - x * (num + A[3]) / (den + B[3]);
        }
        double r;
        if (y <= Split)
        {
            double num = C[8] * y, den = y;
            for (int i = 0; i < 7; i++) { num = (num + C[i]) * y; den = (den + D[i]) * y; }
            r = (num + C[7]) / (den + D[7]);
        }
        else if (y >= XBig)
        {
            return x > 0 ? 0.0 : 2.0;
        }
        else
        {
            double z = 1.0 / (y * y);
            double num = P[5] * z, den = z;
            for (int i = 0; i < 4; i++) { num = (num + P[i]) * z; den = (den + Q[i]) * z; }
            r = z * (num + P[4]) / (den + Q[4]);
            r = (InvSqrtPi - r) / y;
        }
        r = ScaleByExpMinusSquare(y, r);
        return x < 0 ? 2.0 - r : r;
    }

    /// <summary>r · exp(−y²), with exp(−y²) split as exp(−ỹ²)·exp(−(y−ỹ)(y+ỹ)), ỹ = ⌊16y⌋/16 (Cody).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ScaleByExpMinusSquare(double y, double r)
    {
        double ysq = Math.Floor(y * 16.0) / 16.0;
        double del = (y - ysq) * (y + ysq);
        return Math.Exp(-ysq * ysq) * Math.Exp(-del) * r;
    }
}
