namespace StressMargin.Core.Numerics;

/// <summary>
/// <see cref="IDeviceMath"/> written out in plain arithmetic and bit operations, for a GPU where NVIDIA's LibDevice is
/// not available (ILGPU would otherwise compile <c>Math.Exp</c>/<c>Math.Log</c> to CORDIC routines, measured at up to
/// 45 ulp for exp and 4.6e5 ulp for log). Accuracy, tested against System.Math on millions of arguments: within 1 ulp
/// on the normal range (docs/model.md, "GPU backend").
/// <list type="bullet">
/// <item>exp: Cody–Waite reduction x = k·ln 2 + r, |r| ≤ ½ln 2, with ln 2 split into a 32-bit head (k·ln2_hi is exact) and
/// a tail; e^r = 1 + r + r·c/(2 − c), c = r − r²·P(r²) with P of degree 4 (the Remez coefficients of Sun's fdlibm
/// <c>e_exp.c</c>); then the scaling by 2^k through the exponent bits.</item>
/// <item>log: x = 2^k·(1 + f) with √2/2 ≤ 1 + f &lt; √2, s = f/(2 + f), ln(1 + f) = f − ½f² + s·(½f² + R(s²)) with R of
/// degree 7 in s² (the coefficients of fdlibm <c>e_log.c</c>), and k·ln 2 added in head and tail.</item>
/// <item>single-precision exp: the double exp rounded to float (≤ 0.5 ulp of float plus the double's error).</item>
/// </list>
/// Algorithms: W. J. Cody and W. Waite, <i>Software Manual for the Elementary Functions</i>, Prentice-Hall, 1980;
/// P. T. P. Tang, "Table-driven implementation of the exponential function", ACM TOMS 15(2) (1989); Sun Microsystems'
/// fdlibm 5.3 (the polynomial coefficients). Stateless; no tables, no branches that throw.
/// </summary>
public readonly struct PortableMath : IDeviceMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;  // 0x3FE62E42_FEE00000: 32 significant bits
    private const double Ln2Lo = 1.90821492927058770002e-10;  // 0x3DEA39EF_35793C76: ln 2 − Ln2Hi
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double ExpOverflow = 7.09782712893383973096e+02;   // ln(max double)
    private const double ExpUnderflow = -7.45133219101941108420e+02; // ln(min subnormal) − ½ulp
    private const double P1 = 1.66666666666666019037e-01;
    private const double P2 = -2.77777777770155933842e-03;
    private const double P3 = 6.61375632143793436117e-05;
    private const double P4 = -1.65339022054652515390e-06;
    private const double P5 = 4.13813679705723846039e-08;
    private const double Two54 = 1.80143985094819840000e+16;
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    /// <inheritdoc/>
    public double Exp(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x > ExpOverflow) return double.PositiveInfinity;
        if (x < ExpUnderflow) return 0.0;
        double k = Math.Floor(x * InvLn2 + 0.5);
        double hi = x - k * Ln2Hi;
        double lo = k * Ln2Lo;
        double r = hi - lo;
        double t = r * r;
        double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
        int n = (int)k;
        if (n > 1023) return y * PowerOfTwo(1023) * 2.0;
        if (n < -1021) return y * PowerOfTwo(n + 1000) * PowerOfTwo(-1000);
        return y * PowerOfTwo(n);
    }

    /// <inheritdoc/>
    public double Log(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int hx = (int)(bits >> 32);
        int k = 0;
        if (hx < 0x00100000)
        {
            if ((bits & 0x7FFF_FFFF_FFFF_FFFFL) == 0) return double.NegativeInfinity;
            if (hx < 0) return double.NaN;
            k -= 54;
            x *= Two54;
            bits = BitConverter.DoubleToInt64Bits(x);
            hx = (int)(bits >> 32);
        }
        if (hx >= 0x7FF00000) return x + x;
        k += (hx >> 20) - 1023;
        hx &= 0x000FFFFF;
        int i = (hx + 0x95F64) & 0x100000;
        // Scale the mantissa into [√2/2, √2): exponent 0 or −1.
        x = BitConverter.Int64BitsToDouble(((long)(hx | (i ^ 0x3FF00000)) << 32) | (bits & 0xFFFF_FFFFL));
        k += i >> 20;
        double f = x - 1.0;
        double dk = k;
        if ((0x000FFFFF & (2 + hx)) < 3)
        {
            // |f| < 2⁻²⁰: two terms of the series suffice.
            if (f == 0.0) return k == 0 ? 0.0 : dk * Ln2Hi + dk * Ln2Lo;
            double r0 = f * f * (0.5 - 0.33333333333333333 * f);
            return k == 0 ? f - r0 : dk * Ln2Hi - ((r0 - dk * Ln2Lo) - f);
        }
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
        double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
        double r = t2 + t1;
        if (((hx - 0x6147A) | (0x6B851 - hx)) > 0)
        {
            double hfsq = 0.5 * f * f;
            return k == 0 ? f - (hfsq - s * (hfsq + r)) : dk * Ln2Hi - ((hfsq - (s * (hfsq + r) + dk * Ln2Lo)) - f);
        }
        return k == 0 ? f - s * (f - r) : dk * Ln2Hi - ((s * (f - r) - dk * Ln2Lo) - f);
    }

    /// <inheritdoc/>
    public float Exp(float x) => (float)Exp((double)x);

    /// <summary>2^n for −1022 ≤ n ≤ 1023, from its exponent bits.</summary>
    private static double PowerOfTwo(int n) => BitConverter.Int64BitsToDouble((long)(n + 1023) << 52);
}
