// normal.cuh: the normal transform. Φ(x) = ½·erfc(−x/√2) with Cody's erfc (Normal.Cdf), and Φ⁻¹ by M. J. Wichura,
// "Algorithm AS 241", Applied Statistics 37(3) (1988) 477–484, PPND16 (Normal.InverseCdf): same coefficients and
// the same Horner order (highest power first) as src/StressMargin.Core/Numerics/Normal.cs.
#ifndef SM_NORMAL_CUH
#define SM_NORMAL_CUH

#include "sm_platform.cuh"
#include "erfc.cuh"

/// Φ(x) = ½·erfc(−x·(1/√2)).
template <typename T>
SM_HD T sm_normal_cdf(T x) { return T(0.5) * sm_erfc<T>(-x * T(0.70710678118654752440)); }

/// Σ c[i]·x^i, i = 0..7, by Horner's rule from c[7] down (Normal.Horner).
SM_HD double sm_horner8(double x, double c0, double c1, double c2, double c3, double c4, double c5, double c6, double c7)
{
    double s = c7;
    s = s * x + c6; s = s * x + c5; s = s * x + c4; s = s * x + c3; s = s * x + c2; s = s * x + c1; s = s * x + c0;
    return s;
}

/// Φ⁻¹(p) for p in the open interval (0, 1) (the callers' uniforms never reach 0 or 1).
SM_HD double sm_inverse_normal_cdf(double p)
{
    double q = p - 0.5;
    if (sm_fabs(q) <= 0.425)
    {
        double r = 0.180625 - q * q;
        return q * sm_horner8(r, 3.3871328727963666080e0, 1.3314166789178437745e2, 1.9715909503065514427e3, 1.3731693765509461125e4, 4.5921953931549871457e4, 6.7265770927008700853e4, 3.3430575583588128105e4, 2.5090809287301226727e3)
                 / sm_horner8(r, 1.0, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3, 2.1213794301586595867e4, 3.9307895800092710610e4, 2.8729085735721942674e4, 5.2264952788528545610e3);
    }
    double rr = sm_sqrt(-sm_log(q < 0 ? p : 1.0 - p));
    double z = rr <= 5.0
        ? sm_horner8(rr - 1.6, 1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4)
          / sm_horner8(rr - 1.6, 1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1, 1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9)
        : sm_horner8(rr - 5.0, 6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7)
          / sm_horner8(rr - 5.0, 1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2, 7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15);
    return q < 0 ? -z : z;
}

#endif // SM_NORMAL_CUH
