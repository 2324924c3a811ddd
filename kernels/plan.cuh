// plan.cuh: the revaluation plan as the kernels see it: device pointers to the structure-of-arrays fields of
// src/StressMargin.Compute/Plan/RevaluationPlan.cs, copied to the device as they are. Mirrored field for field by
// SmPlan in src/StressMargin.Compute/Cuda/KernelArgs.cs (the layout test compares sizes and offsets).
// Index spaces: factors f < F = 2U (2u spot, 2u + 1 vol of underlying u); instruments i < I; smiles; accounts;
// positions grouped by account (CSR).
#ifndef SM_PLAN_CUH
#define SM_PLAN_CUH

#include "sm_platform.cuh"

// RevaluationKind
#define SM_KIND_LINEAR 0
#define SM_KIND_OPTION 1
#define SM_KIND_EXPIRING_OPTION 2

// VolDynamics
#define SM_VOL_STICKY_STRIKE 0
#define SM_VOL_STICKY_MONEYNESS 1

// Factor distributions the kernels implement (sm_generate_factors). A new one gets a new number, a case there, and
// an entry in CudaKernelSupport.cs; until then the C# side refuses plans that use it.
#define SM_DIST_NORMAL 0
#define SM_DIST_STUDENT_T 1
#define SM_DIST_FHS 2              // filtered historical simulation (FhsPlan.cs, FhsFactorSampler.cs)

// Error codes written to the run's error word (error[0]; details in error[1..3]).
#define SM_ERROR_NONE 0
#define SM_ERROR_CHI_SQUARE 1      // Marsaglia–Tsang exhausted: path low, path high, step
#define SM_ERROR_NON_FINITE_LOSS 2 // row, path, 0
#define SM_ERROR_DISTRIBUTION 3    // distribution code, 0, 0
#define SM_ERROR_TAIL_LAYOUT 4     // segment, m, capacity

struct SmPlan
{
    // factor model, length F each (loading F × F, row-major)
    const double* factor_vol_per_step; // σ_f·√(h/S)
    const double* factor_drift;        // −½σ_f²h
    const double* loading;             // A with A·Aᵀ = R
    // instruments, length I each
    const double* forward0;            // P0: S0 or F0(T), USD
    const double* strike;              // K, USD
    const double* value0;              // V0 per unit, USD
    const double* log_fk;              // ln(F0(T)/K)
    const double* sqrt_tau1;           // √(T − h)
    const double* discount1;           // e^(−r(T − h))
    const double* std_dev0;            // σ0(K, T)·√(T − h)
    const double* expiry_years;        // T
    const double* smile_weight;        // a
    const int* underlying;             // u
    const int* smile_lo;
    const int* smile_hi;
    const unsigned char* kind;         // SM_KIND_*
    const unsigned char* is_call;      // 1 call, 0 otherwise
    // smiles
    const int* smile_offset;           // length S + 1
    const double* smile_k;             // node log-moneyness, concatenated
    const double* smile_w;             // node total variance, concatenated
    const double* smile_t;             // expiry of each smile, years
    // accounts and positions
    const int* account_start;          // length A + 1
    const int* position_instrument;    // −1 for cash
    const double* position_weight;     // quantity × multiplier
    // filtered historical simulation (SM_DIST_FHS; null pointers and zero counts otherwise): FhsPlan.cs
    const double* fhs_residuals;       // Z [date, h] row-major, N·H
    const int* fhs_historical_factor;  // factor f of history column h, length H
    const int* fhs_gaussian_factor;    // factor f of conditional-normal factor m, length M
    const double* fhs_regression;      // B [m, h] row-major, M·H
    const double* fhs_conditional;     // C [m, l] row-major, M·M
    // scalars
    sm_u64 seed;
    double degrees_of_freedom;
    int factor_count;
    int steps;
    int distribution;                  // SM_DIST_*
    int vol_dynamics;                  // SM_VOL_*
    int fhs_date_count;                // N, sample dates
    int fhs_days;                      // D, history rows per path
    int fhs_historical_count;          // H
    int fhs_gaussian_count;            // M
    int fhs_consecutive;               // 1: one start date, D consecutive rows; 0: D independent dates
    int fhs_reserved;
};

/// Records the first error of a launch: error[0] = code (first writer wins), error[1..3] = details.
SM_HD void sm_report_error(int* error, int code, int a, int b, int c)
{
    if (error == 0) return;
#if defined(__CUDACC__)
    if (atomicCAS(error, 0, code) == 0) { error[1] = a; error[2] = b; error[3] = c; }
#else
    int expected = 0;
    if (__atomic_compare_exchange_n(error, &expected, code, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
    {
        error[1] = a; error[2] = b; error[3] = c;
    }
#endif
}

#endif // SM_PLAN_CUH
