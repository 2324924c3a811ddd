// factor_paths.cu: kernel (1), correlated factor paths. One thread per path: the F factor values of the path
// (sm_generate_factors, factor_model.cuh) into factors[f, j]; z[f, j] is the step's normals.
#include "kernel_args.cuh"
#include "factor_model.cuh"

extern "C" __global__ void sm_factor_paths(const SmFactorArgs a)
{
    sm_i64 j = (sm_i64)blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= a.count) return;
    sm_i64 path = a.paths != 0 ? a.paths[j] : a.first_path + j;
    sm_generate_factors(a.plan, path, a.z + j, a.factors + j, a.count, a.error);
}
