// kernel_args.cuh: the single by-value parameter of each kernel. Mirrored field for field by the structs in
// src/StressMargin.Compute/Cuda/KernelArgs.cs (8-byte fields first, then 4-byte fields in pairs, so the layout has
// no implicit padding; the layout test compares sizeof and offsets with the C# side).
// Matrices are row-major with the path (or tail rank) index fastest, so that consecutive threads touch
// consecutive addresses.
#ifndef SM_KERNEL_ARGS_CUH
#define SM_KERNEL_ARGS_CUH

#include "sm_platform.cuh"
#include "plan.cuh"

/// sm_factor_paths: one thread per column j < count; column j is path paths[j], or first_path + j when paths is null.
struct SmFactorArgs
{
    SmPlan plan;
    const sm_i64* paths;  // optional path index per column
    double* z;            // scratch [F, count]
    double* factors;      // out [F, count]
    int* error;           // 4 ints
    sm_i64 first_path;
    int count;
    int reserved;
};

/// sm_revalue_f64 / _f32: one thread per (listed instrument, column); writes dv[i, j] for i = instruments[r].
struct SmRevalueArgs
{
    SmPlan plan;
    const double* factors; // [F, count]
    double* dv;            // [I, count]
    const int* instruments;
    int instrument_count;  // length of instruments[]
    int count;
};

/// sm_account_loss: one thread per (account r < account_count, column j):
/// loss[r, loss_offset + j] = −Σ_p w_p·dv[i_p, j] for account first_account + r, in position order.
struct SmLossArgs
{
    SmPlan plan;
    const double* dv;      // [I, count]
    double* loss;          // [account_count, loss_stride]
    sm_i64 loss_stride;    // n
    sm_i64 loss_offset;    // first path of the chunk
    int first_account;
    int account_count;
    int count;
    int reserved;
};

/// One tail-reduction job: the m largest of count losses starting at element `start` of loss row `row`.
struct SmTailSegment
{
    sm_i64 start;          // first path of the segment (its losses are row[start .. start + count))
    sm_i64 scratch_offset; // where its `capacity` scratch entries begin
    sm_i64 out_offset;     // where to write the m ranked (loss, path) pairs; −1: do not write them
    double k;              // tail size k = count·(1 − α), snapped (TailEstimator.TailSize)
    int row;
    int count;
    int m;                 // ranks to select: ⌊k⌋ + 1, or more for the full row (max with the VaR rank)
    int capacity;          // m when m ≤ SM_TAIL_SMALL_SORT, else the power of two ≥ m
};

/// sm_tail_select: one block per segment (grid-stride over segments).
struct SmTailArgs
{
    const double* loss;           // [rows, loss_stride]
    const SmTailSegment* segments;
    sm_u64* scratch_keys;
    int* scratch_paths;
    double* out_values;           // ranked losses of segments with out_offset ≥ 0
    int* out_paths;               // their path indices
    double* out_es;               // ES per segment (Acerbi–Tasche with the segment's k)
    int* error;
    sm_i64 loss_stride;
    int segment_count;
    int reserved;
};

/// sm_attribution_f64 / _f32: one thread per (item q, tail rank r < m): ranked[q, r] = −w_p·ΔV_i(path in column
/// columns[q] + r), p = positions[q] (risky positions only), i its instrument.
struct SmAttributionArgs
{
    SmPlan plan;
    const double* factors; // [F, column_count]
    const int* positions;
    const int* columns;
    double* ranked;        // [position_count, m]
    sm_i64 column_count;
    int position_count;
    int m;
};

/// sm_component_es: one thread per item q: out[q] = [Σ_{r<⌊k⌋} ranked[q, r] + (k − ⌊k⌋)·ranked[q, ⌊k⌋]] / k.
struct SmComponentArgs
{
    const double* ranked;  // [position_count, m]
    double* out;
    double k;
    int position_count;
    int m;
};

#endif // SM_KERNEL_ARGS_CUH
