// erfc.cuh: the complementary error function by W. J. Cody's rational Chebyshev approximations (Math. Comp. 23
// (1969) 631–637; SPECFUN routine CALERF), relative error about 1e-16 in double precision. A transcription of
// src/StressMargin.Core/Numerics/Erfc.cs: same coefficients, same ranges, the loops unrolled in the same order,
// exp(−y²) split as exp(−ỹ²)·exp(−(y − ỹ)(y + ỹ)) with ỹ = ⌊16y⌋/16. Templated on the precision T (double for
// the reference path, float for --precision single, where the coefficients are rounded to float).
#ifndef SM_ERFC_CUH
#define SM_ERFC_CUH

#include "sm_platform.cuh"

/// r·exp(−y²) with exp(−y²) = exp(−ỹ²)·exp(−(y − ỹ)(y + ỹ)), ỹ = ⌊16y⌋/16 (Cody).
template <typename T>
SM_HD T sm_scale_by_exp_minus_square(T y, T r)
{
    T ysq = sm_floor(y * T(16.0)) / T(16.0);
    T del = (y - ysq) * (y + ysq);
    return sm_exp(-ysq * ysq) * sm_exp(-del) * r;
}

/// erfc(x) = (2/√π)∫ₓ^∞ e^(−t²) dt for any real x; NaN propagates. Erfc.Evaluate.
template <typename T>
SM_HD T sm_erfc(T x)
{
    T y = sm_fabs(x);
    if (y <= T(0.46875))
    {
        T ysq = y * y;
        T num = T(0.185777706184603153) * ysq, den = ysq;
        num = (num + T(3.1611237438705656)) * ysq;  den = (den + T(23.6012909523441209)) * ysq;
        num = (num + T(113.864154151050156)) * ysq; den = (den + T(244.024637934444173)) * ysq;
        num = (num + T(377.485237685302021)) * ysq; den = (den + T(1282.61652607737228)) * ysq;
        return T(1.0) - x * (num + T(3209.37758913846947)) / (den + T(2844.23683343917062));
    }
    T r;
    if (y <= T(4.0))
    {
        T num = T(2.15311535474403846e-8) * y, den = y;
        num = (num + T(0.564188496988670089)) * y; den = (den + T(15.7449261107098347)) * y;
        num = (num + T(8.88314979438837594)) * y;  den = (den + T(117.693950891312499)) * y;
        num = (num + T(66.1191906371416295)) * y;  den = (den + T(537.181101862009858)) * y;
        num = (num + T(298.635138197400131)) * y;  den = (den + T(1621.38957456669019)) * y;
        num = (num + T(881.95222124176909)) * y;   den = (den + T(3290.79923573345963)) * y;
        num = (num + T(1712.04761263407058)) * y;  den = (den + T(4362.61909014324716)) * y;
        num = (num + T(2051.07837782607147)) * y;  den = (den + T(3439.36767414372164)) * y;
        r = (num + T(1230.33935479799725)) / (den + T(1230.33935480374942));
    }
    else if (y >= T(26.543))
    {
        return x > T(0.0) ? T(0.0) : T(2.0);
    }
    else
    {
        T z = T(1.0) / (y * y);
        T num = T(0.0163153871373020978) * z, den = z;
        num = (num + T(0.305326634961232344)) * z;  den = (den + T(2.56852019228982242)) * z;
        num = (num + T(0.360344899949804439)) * z;  den = (den + T(1.87295284992346047)) * z;
        num = (num + T(0.125781726111229246)) * z;  den = (den + T(0.527905102951428412)) * z;
        num = (num + T(0.0160837851487422766)) * z; den = (den + T(0.0605183413124413191)) * z;
        r = z * (num + T(6.58749161529837803e-4)) / (den + T(0.00233520497626869185));
        r = (T(0.56418958354775628695) - r) / y;
    }
    r = sm_scale_by_exp_minus_square(y, r);
    return x < T(0.0) ? T(2.0) - r : r;
}

#endif // SM_ERFC_CUH
