// factor_model.cuh: the factor values of one path (FactorPathGenerator.cs), a switch on the plan's distribution:
//   normal and Student t: for each step s: z = the F normals of (path, s); ε_f = Σ_j A[f, j]·z_j in j order; scale c_s
//   (1 for the normal, √((ν − 2)/W_s) for Student t); x_f += σ_f√(h/S)·(ε_f·c_s);  finally x_f += −½σ_f²h.
//   filtered historical simulation (FhsFactorSampler.cs): sm_fhs_factors below.
// An unknown code reports SM_ERROR_DISTRIBUTION (the C# side refuses such plans before launching,
// CudaKernelSupport.cs).
#ifndef SM_FACTOR_MODEL_CUH
#define SM_FACTOR_MODEL_CUH

#include "sm_platform.cuh"
#include "plan.cuh"
#include "scenario_random.cuh"

/// Filtered historical simulation (FhsFactorSampler.Generate, operation for operation), S = 1:
///   the D dates t_d of the path (sm_historical_date_index: one start among N − D + 1 and t_d = t_0 + d, or D
///   independent dates among N); sum_h = Σ_d Z[t_d, h] in d order, from 0;
///   history factors      ε_h = sum_h·(1/√D);
///   other factors (M>0)  ε_m = Σ_h (B[m, h]·sum_h)·(1/√D) + Σ_l C[m, l]·z_{g_l}, z = the F normals of (path, step 0);
///   every factor         x_f = σ_f√h·ε_f + (−½σ_f²h)   (a factor in neither list has ε_f = 0).
/// sum_h is kept in out[f_h] (history and conditional-normal factors are disjoint: CudaKernelSupport checks it);
/// z[j·stride] is scratch for the normals.
SM_HD void sm_fhs_factors(const SmPlan& p, sm_i64 path, double* z, double* out, sm_i64 stride)
{
    const int nf = p.factor_count, h = p.fhs_historical_count, m = p.fhs_gaussian_count, days = p.fhs_days;
    const int* hist = p.fhs_historical_factor;
    const int* gauss = p.fhs_gaussian_factor;
    const double* res = p.fhs_residuals;
    const double inv_sqrt_days = 1.0 / sm_sqrt((double)days);
    for (int f = 0; f < nf; ++f) out[(sm_i64)f * stride] = 0.0;
    if (p.fhs_consecutive != 0)
    {
        int start = sm_historical_date_index(p.seed, path, 0, p.fhs_date_count - days + 1);
        for (int d = 0; d < days; ++d)
        {
            const double* row = res + (sm_i64)(start + d) * h;
            for (int k = 0; k < h; ++k) out[(sm_i64)hist[k] * stride] += row[k];
        }
    }
    else
    {
        for (int d = 0; d < days; ++d)
        {
            const double* row = res + (sm_i64)sm_historical_date_index(p.seed, path, d, p.fhs_date_count) * h;
            for (int k = 0; k < h; ++k) out[(sm_i64)hist[k] * stride] += row[k];
        }
    }
    if (m > 0)
    {
        sm_standard_normals(p.seed, path, 0, z, stride, nf);
        for (int i = 0; i < m; ++i)
        {
            double e = 0;
            const double* b = p.fhs_regression + (sm_i64)i * h;
            const double* c = p.fhs_conditional + (sm_i64)i * m;
            for (int k = 0; k < h; ++k) e += b[k] * out[(sm_i64)hist[k] * stride] * inv_sqrt_days;
            for (int l = 0; l < m; ++l) e += c[l] * z[(sm_i64)gauss[l] * stride];
            out[(sm_i64)gauss[i] * stride] = e;
        }
    }
    for (int k = 0; k < h; ++k) out[(sm_i64)hist[k] * stride] = out[(sm_i64)hist[k] * stride] * inv_sqrt_days;
    for (int f = 0; f < nf; ++f) out[(sm_i64)f * stride] = p.factor_vol_per_step[f] * out[(sm_i64)f * stride] + p.factor_drift[f];
}

/// Writes factor f of `path` to out[f·stride]; z[j·stride] is scratch for the step's normals (F entries).
SM_HD void sm_generate_factors(const SmPlan& p, sm_i64 path, double* z, double* out, sm_i64 stride, int* error)
{
    if (p.distribution == SM_DIST_FHS)
    {
        sm_fhs_factors(p, path, z, out, stride);
        return;
    }
    const int nf = p.factor_count;
    for (int f = 0; f < nf; ++f) out[(sm_i64)f * stride] = 0.0;
    for (int s = 0; s < p.steps; ++s)
    {
        double scale;
        switch (p.distribution)
        {
        case SM_DIST_NORMAL:
            scale = 1.0;
            break;
        case SM_DIST_STUDENT_T:
        {
            double w = 0.0;
            if (!sm_chi_square(p.seed, path, s, p.degrees_of_freedom, &w))
            {
                sm_report_error(error, SM_ERROR_CHI_SQUARE, (int)(sm_u32)path, (int)(sm_u32)((sm_u64)path >> 32), s);
                w = 0.0; // scale becomes +inf; the run is failed by the host anyway
            }
            scale = sm_sqrt((p.degrees_of_freedom - 2.0) / w);
            break;
        }
        default:
            sm_report_error(error, SM_ERROR_DISTRIBUTION, p.distribution, 0, 0);
            return;
        }
        sm_standard_normals(p.seed, path, s, z, stride, nf);
        for (int f = 0; f < nf; ++f)
        {
            double e = 0;
            const double* row = p.loading + (sm_i64)f * nf;
            for (int j = 0; j < nf; ++j) e += row[j] * z[(sm_i64)j * stride];
            out[(sm_i64)f * stride] += p.factor_vol_per_step[f] * (e * scale);
        }
    }
    for (int f = 0; f < nf; ++f) out[(sm_i64)f * stride] = out[(sm_i64)f * stride] + p.factor_drift[f];
}

#endif // SM_FACTOR_MODEL_CUH
