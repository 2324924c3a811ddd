// factor_model.cuh: the factor values of one path (FactorPathGenerator.cs):
//   for each step s: z = the F normals of (path, s); ε_f = Σ_j A[f, j]·z_j in j order; scale c_s (1 for the normal,
//   √((ν − 2)/W_s) for Student t); x_f += σ_f√(h/S)·(ε_f·c_s);  finally x_f += −½σ_f²h.
// The per-step shock is a switch on the plan's distribution so that another law (e.g. filtered historical
// simulation) is one more case; an unknown code reports SM_ERROR_DISTRIBUTION (the C# side refuses such plans
// before launching, CudaKernelSupport.cs).
#ifndef SM_FACTOR_MODEL_CUH
#define SM_FACTOR_MODEL_CUH

#include "sm_platform.cuh"
#include "plan.cuh"
#include "scenario_random.cuh"

/// Writes factor f of `path` to out[f·stride]; z[j·stride] is scratch for the step's normals (F entries).
SM_HD void sm_generate_factors(const SmPlan& p, sm_i64 path, double* z, double* out, sm_i64 stride, int* error)
{
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
