// vol_surface.cuh: the vol-surface lookup of the plan (VolSmile.Interpolate and the sticky-moneyness rule of
// BlockWorkspace.StickyMoneynessStdDev). A smile is total variance w = σ²T against log-moneyness k, linear between
// nodes and flat beyond them (Gatheral 2006); between expiries w is linear in T at fixed k; flat vol outside the
// listed expiries.
#ifndef SM_VOL_SURFACE_CUH
#define SM_VOL_SURFACE_CUH

#include "sm_platform.cuh"

/// Piecewise-linear interpolation with flat extrapolation on n ≥ 1 increasing nodes k[] with values w[]:
/// binary search for the bracket, then w_lo + a·(w_hi − w_lo), a = (x − k_lo)/(k_hi − k_lo).
SM_HD double sm_interpolate(const double* k, const double* w, int n, double x)
{
    if (x <= k[0]) return w[0];
    if (x >= k[n - 1]) return w[n - 1];
    int lo = 0, hi = n - 1; // invariant: k[lo] < x < k[hi]
    while (hi - lo > 1)
    {
        int mid = (lo + hi) >> 1;
        if (k[mid] <= x) lo = mid; else hi = mid;
    }
    double a = (x - k[lo]) / (k[hi] - k[lo]);
    return w[lo] + a * (w[hi] - w[lo]);
}

/// Implied vol at log-moneyness k1 and expiry t from the bracketing smiles lo, hi (equal outside the listed
/// expiries) with upper weight a: σ = √(w_lo/T_lo) when lo = hi, else √((w_lo + a·(w_hi − w_lo))/t).
/// offset[] delimits each smile's nodes in the concatenated arrays k[], w[]; t_smile[] holds each smile's expiry.
SM_HD double sm_surface_vol(const int* offset, const double* k, const double* w, const double* t_smile,
                            int lo, int hi, double a, double t, double k1)
{
    double w0 = sm_interpolate(k + offset[lo], w + offset[lo], offset[lo + 1] - offset[lo], k1);
    return lo == hi
        ? sm_sqrt(w0 / t_smile[lo])
        : sm_sqrt((w0 + a * (sm_interpolate(k + offset[hi], w + offset[hi], offset[hi + 1] - offset[hi], k1) - w0)) / t);
}

#endif // SM_VOL_SURFACE_CUH
