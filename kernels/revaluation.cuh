// revaluation.cuh: ΔV = V1 − V0 per unit of one instrument on one path (BlockWorkspace.Revalue), from the path's
// spot factor x and vol factor y of the instrument's underlying (docs/model.md §5):
//   linear            ΔV = P0·(e^x − 1)
//   expiring option   ΔV = max(±(F0·e^x − K), 0) − V0
//   option            ΔV = DF1·Black76(F0·e^x, K, σ1√τ1) − V0 with ln(F1/K) = ln(F0/K) + x and
//                     sticky strike: s = (σ0(K, T)√τ1)·e^y; sticky moneyness: s = (σ0(k1, T)·√τ1)·e^y, k1 = −(ln(F0/K) + x).
// T is the Black-76 precision: double reproduces the CPU; float prices the option in single precision (inputs
// rounded to float, the price widened back to double before subtracting V0: double accumulation).
#ifndef SM_REVALUATION_CUH
#define SM_REVALUATION_CUH

#include "sm_platform.cuh"
#include "plan.cuh"
#include "black76.cuh"
#include "vol_surface.cuh"

template <typename T>
SM_HD double sm_revalue(const SmPlan& p, int i, double x, double y)
{
    double ex = sm_exp(x);
    double f0 = p.forward0[i];
    switch (p.kind[i])
    {
    case SM_KIND_LINEAR:
        return f0 * (ex - 1.0);
    case SM_KIND_EXPIRING_OPTION:
    {
        double f1 = f0 * ex, k = p.strike[i];
        double intrinsic = p.is_call[i] != 0 ? f1 - k : k - f1;
        return (intrinsic > 0.0 ? intrinsic : 0.0) - p.value0[i];
    }
    default: // SM_KIND_OPTION
    {
        double ey = sm_exp(y);
        double sd;
        if (p.vol_dynamics == SM_VOL_STICKY_STRIKE)
        {
            sd = p.std_dev0[i] * ey;
        }
        else
        {
            double k1 = -(p.log_fk[i] + x);
            double vol = sm_surface_vol(p.smile_offset, p.smile_k, p.smile_w, p.smile_t, p.smile_lo[i], p.smile_hi[i],
                                        p.smile_weight[i], p.expiry_years[i], k1);
            sd = vol * p.sqrt_tau1[i] * ey;
        }
        double f1 = f0 * ex;
        T price = sm_black76<T>(p.is_call[i] != 0, (T)f1, (T)p.strike[i], (T)(p.log_fk[i] + x), (T)sd, (T)p.discount1[i]);
        return (double)price - p.value0[i];
    }
    }
}

#endif // SM_REVALUATION_CUH
