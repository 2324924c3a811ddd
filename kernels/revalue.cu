// revalue.cu: kernel (2), per-instrument revaluation into the ΔV matrix dv[instrument, path]. One thread per
// (path j = x index, listed instrument = y index with a grid-stride loop): every thread of a block revalues the
// same instrument, so the switch on its kind does not diverge within a warp.
#include "kernel_args.cuh"
#include "revaluation.cuh"

template <typename T>
__device__ __forceinline__ void sm_revalue_rows(const SmRevalueArgs& a)
{
    sm_i64 j = (sm_i64)blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= a.count) return;
    for (int r = blockIdx.y; r < a.instrument_count; r += gridDim.y)
    {
        int i = a.instruments[r];
        int u = a.plan.underlying[i];
        double x = a.factors[(sm_i64)(2 * u) * a.count + j];
        double y = a.factors[(sm_i64)(2 * u + 1) * a.count + j];
        a.dv[(sm_i64)i * a.count + j] = sm_revalue<T>(a.plan, i, x, y);
    }
}

/// Double-precision pricing (the CPU's arithmetic).
extern "C" __global__ void sm_revalue_f64(const SmRevalueArgs a) { sm_revalue_rows<double>(a); }

/// Single-precision Black-76 (--precision single), ΔV still formed and stored in double.
extern "C" __global__ void sm_revalue_f32(const SmRevalueArgs a) { sm_revalue_rows<float>(a); }
