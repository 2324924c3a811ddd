// black76.cuh: Black-76 in log-moneyness form (Black 1976; Haug 2007 §1.1.6), Black76.PriceFromLogMoneyness:
//   d1 = ln(F/K)/s + ½s,  d2 = d1 − s,  call = DF·(F·Φ(d1) − K·Φ(d2)),  put = DF·(K·Φ(−d2) − F·Φ(−d1)).
// Same operation order as the C# scalar reference and the AVX2 kernel (VectorBlack76). Templated on the pricing
// precision T.
#ifndef SM_BLACK76_CUH
#define SM_BLACK76_CUH

#include "sm_platform.cuh"
#include "normal.cuh"

/// Price per unit of underlying. forward F, strike K (USD); log_fk = ln(F/K); sd = σ√τ > 0; df the discount factor.
template <typename T>
SM_HD T sm_black76(bool is_call, T forward, T strike, T log_fk, T sd, T df)
{
    T d1 = log_fk / sd + T(0.5) * sd;
    T d2 = d1 - sd;
    return is_call
        ? df * (forward * sm_normal_cdf<T>(d1) - strike * sm_normal_cdf<T>(d2))
        : df * (strike * sm_normal_cdf<T>(-d2) - forward * sm_normal_cdf<T>(-d1));
}

#endif // SM_BLACK76_CUH
