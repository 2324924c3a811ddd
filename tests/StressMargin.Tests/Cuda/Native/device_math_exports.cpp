// device_math_exports.cpp: C entry points to the kernels' device math (kernels/*.cuh compiled by the host
// compiler), called from the C# parity tests (HostDeviceMath.cs) and compared with the C# implementations.
#include <cstddef>

#include "kernel_args.cuh"
#include "factor_model.cuh"
#include "revaluation.cuh"
#include "tail.cuh"

extern "C" {

void sm_test_philox(const unsigned int* counter, unsigned int key0, unsigned int key1, unsigned int* out)
{
    sm_philox4x32_10(counter, key0, key1, out);
}

double sm_test_uniform_open(unsigned int lo, unsigned int hi) { return sm_uniform_open(lo, hi); }

double sm_test_inverse_normal_cdf(double p) { return sm_inverse_normal_cdf(p); }

double sm_test_erfc(double x) { return sm_erfc<double>(x); }

float sm_test_erfc_f32(float x) { return sm_erfc<float>(x); }

double sm_test_normal_cdf(double x) { return sm_normal_cdf<double>(x); }

double sm_test_black76(int is_call, double forward, double strike, double log_fk, double sd, double df)
{
    return sm_black76<double>(is_call != 0, forward, strike, log_fk, sd, df);
}

float sm_test_black76_f32(int is_call, float forward, float strike, float log_fk, float sd, float df)
{
    return sm_black76<float>(is_call != 0, forward, strike, log_fk, sd, df);
}

double sm_test_interpolate(const double* k, const double* w, int n, double x) { return sm_interpolate(k, w, n, x); }

void sm_test_standard_normals(unsigned long long seed, long long path, int step, double* z, int n)
{
    sm_standard_normals(seed, path, step, z, 1, n);
}

int sm_test_chi_square(unsigned long long seed, long long path, int step, double degrees_of_freedom, double* w)
{
    return sm_chi_square(seed, path, step, degrees_of_freedom, w) ? 1 : 0;
}

unsigned long long sm_test_mul_hi_u64(unsigned long long a, unsigned long long b) { return sm_mul_hi_u64(a, b); }

int sm_test_historical_date_index(unsigned long long seed, long long path, int day, int count)
{
    return sm_historical_date_index(seed, path, day, count);
}

void sm_test_generate_factors(const SmPlan* plan, long long path, double* z, double* out, int* error)
{
    sm_generate_factors(*plan, path, z, out, 1, error);
}

double sm_test_revalue(const SmPlan* plan, int instrument, double x, double y, int single_precision)
{
    return single_precision != 0 ? sm_revalue<float>(*plan, instrument, x, y) : sm_revalue<double>(*plan, instrument, x, y);
}

unsigned long long sm_test_loss_key(double v) { return sm_loss_key(v); }

double sm_test_key_loss(unsigned long long key) { return sm_key_loss(key); }

#define SM_LAYOUT(T, ...) if (std::strcmp(name, #T) == 0) { const long long v[] = {(long long)sizeof(T), __VA_ARGS__}; return copy(v, sizeof v / sizeof v[0], out, max); }
#define SM_OFF(T, f) (long long)offsetof(T, f)

static int copy(const long long* v, int n, long long* out, int max)
{
    for (int i = 0; i < n && i < max; ++i) out[i] = v[i];
    return n;
}

/// sizeof(T) followed by the offset of each field in declaration order; returns the count (0: unknown struct).
int sm_test_layout(const char* name, long long* out, int max)
{
    SM_LAYOUT(SmPlan, SM_OFF(SmPlan, factor_vol_per_step), SM_OFF(SmPlan, factor_drift), SM_OFF(SmPlan, loading),
              SM_OFF(SmPlan, forward0), SM_OFF(SmPlan, strike), SM_OFF(SmPlan, value0), SM_OFF(SmPlan, log_fk),
              SM_OFF(SmPlan, sqrt_tau1), SM_OFF(SmPlan, discount1), SM_OFF(SmPlan, std_dev0), SM_OFF(SmPlan, expiry_years),
              SM_OFF(SmPlan, smile_weight), SM_OFF(SmPlan, underlying), SM_OFF(SmPlan, smile_lo), SM_OFF(SmPlan, smile_hi),
              SM_OFF(SmPlan, kind), SM_OFF(SmPlan, is_call), SM_OFF(SmPlan, smile_offset), SM_OFF(SmPlan, smile_k),
              SM_OFF(SmPlan, smile_w), SM_OFF(SmPlan, smile_t), SM_OFF(SmPlan, account_start),
              SM_OFF(SmPlan, position_instrument), SM_OFF(SmPlan, position_weight), SM_OFF(SmPlan, fhs_residuals),
              SM_OFF(SmPlan, fhs_historical_factor), SM_OFF(SmPlan, fhs_gaussian_factor), SM_OFF(SmPlan, fhs_regression),
              SM_OFF(SmPlan, fhs_conditional), SM_OFF(SmPlan, seed),
              SM_OFF(SmPlan, degrees_of_freedom), SM_OFF(SmPlan, factor_count), SM_OFF(SmPlan, steps),
              SM_OFF(SmPlan, distribution), SM_OFF(SmPlan, vol_dynamics), SM_OFF(SmPlan, fhs_date_count),
              SM_OFF(SmPlan, fhs_days), SM_OFF(SmPlan, fhs_historical_count), SM_OFF(SmPlan, fhs_gaussian_count),
              SM_OFF(SmPlan, fhs_consecutive), SM_OFF(SmPlan, fhs_reserved))
    SM_LAYOUT(SmFactorArgs, SM_OFF(SmFactorArgs, plan), SM_OFF(SmFactorArgs, paths), SM_OFF(SmFactorArgs, z),
              SM_OFF(SmFactorArgs, factors), SM_OFF(SmFactorArgs, error), SM_OFF(SmFactorArgs, first_path),
              SM_OFF(SmFactorArgs, count), SM_OFF(SmFactorArgs, reserved))
    SM_LAYOUT(SmRevalueArgs, SM_OFF(SmRevalueArgs, plan), SM_OFF(SmRevalueArgs, factors), SM_OFF(SmRevalueArgs, dv),
              SM_OFF(SmRevalueArgs, instruments), SM_OFF(SmRevalueArgs, instrument_count), SM_OFF(SmRevalueArgs, count))
    SM_LAYOUT(SmLossArgs, SM_OFF(SmLossArgs, plan), SM_OFF(SmLossArgs, dv), SM_OFF(SmLossArgs, loss),
              SM_OFF(SmLossArgs, loss_stride), SM_OFF(SmLossArgs, loss_offset), SM_OFF(SmLossArgs, first_account),
              SM_OFF(SmLossArgs, account_count), SM_OFF(SmLossArgs, count), SM_OFF(SmLossArgs, reserved))
    SM_LAYOUT(SmTailSegment, SM_OFF(SmTailSegment, start), SM_OFF(SmTailSegment, scratch_offset),
              SM_OFF(SmTailSegment, out_offset), SM_OFF(SmTailSegment, k), SM_OFF(SmTailSegment, row),
              SM_OFF(SmTailSegment, count), SM_OFF(SmTailSegment, m), SM_OFF(SmTailSegment, capacity))
    SM_LAYOUT(SmTailArgs, SM_OFF(SmTailArgs, loss), SM_OFF(SmTailArgs, segments), SM_OFF(SmTailArgs, scratch_keys),
              SM_OFF(SmTailArgs, scratch_paths), SM_OFF(SmTailArgs, out_values), SM_OFF(SmTailArgs, out_paths),
              SM_OFF(SmTailArgs, out_es), SM_OFF(SmTailArgs, error), SM_OFF(SmTailArgs, loss_stride),
              SM_OFF(SmTailArgs, segment_count), SM_OFF(SmTailArgs, reserved))
    SM_LAYOUT(SmAttributionArgs, SM_OFF(SmAttributionArgs, plan), SM_OFF(SmAttributionArgs, factors),
              SM_OFF(SmAttributionArgs, positions), SM_OFF(SmAttributionArgs, columns), SM_OFF(SmAttributionArgs, ranked),
              SM_OFF(SmAttributionArgs, column_count), SM_OFF(SmAttributionArgs, position_count), SM_OFF(SmAttributionArgs, m))
    SM_LAYOUT(SmComponentArgs, SM_OFF(SmComponentArgs, ranked), SM_OFF(SmComponentArgs, out), SM_OFF(SmComponentArgs, k),
              SM_OFF(SmComponentArgs, position_count), SM_OFF(SmComponentArgs, m))
    return 0;
}

} // extern "C"
