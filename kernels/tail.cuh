// tail.cuh: device helpers of the tail reduction (tail_select.cu) that are also compiled on the host for tests.
// Losses are ranked by (loss descending, path ascending) as in TailEstimator. A finite double maps to a 64-bit key
// whose unsigned order is the numeric order of the doubles (sign bit flipped for positives, all bits flipped for
// negatives; −0 is first made +0 so that it ties with +0 as it does in double comparison).
#ifndef SM_TAIL_CUH
#define SM_TAIL_CUH

#include "sm_platform.cuh"

/// Tail sizes up to this are sorted by insertion sort in one thread; larger ones by a block-wide bitonic sort over
/// a power-of-two capacity (TailSegments.cs uses the same constant).
#define SM_TAIL_SMALL_SORT 64
/// Most threads per tail block (the per-thread scan arrays are this long).
#define SM_TAIL_MAX_THREADS 1024
/// Ranked losses staged in shared memory per step of the ES sum.
#define SM_TAIL_TILE 1024

/// Order-preserving key of a finite loss.
SM_HD sm_u64 sm_loss_key(double v)
{
    if (v == 0.0) v = 0.0; // −0 → +0
    sm_u64 b = sm_double_bits(v);
    return (b >> 63) != 0 ? ~b : (b | 0x8000000000000000ull);
}

/// The loss of a key (inverse of sm_loss_key).
SM_HD double sm_key_loss(sm_u64 key)
{
    return sm_bits_double((key >> 63) != 0 ? (key & 0x7FFFFFFFFFFFFFFFull) : ~key);
}

/// True when (ka, pa) ranks before (kb, pb): larger loss first, then lower path index.
SM_HD bool sm_ranks_before(sm_u64 ka, int pa, sm_u64 kb, int pb)
{
    return ka > kb || (ka == kb && pa < pb);
}

/// Acerbi–Tasche ES of ranked losses v(0) ≥ v(1) ≥ …: [Σ_{r<⌊k⌋} v(r) + (k − ⌊k⌋)·v(⌊k⌋)] / k, summed in rank
/// order (TailEstimator.WeightedTail). keys[] holds the ranked keys.
SM_HD double sm_weighted_tail_keys(const sm_u64* keys, double k)
{
    int whole = (int)sm_floor(k);
    double sum = 0;
    for (int r = 0; r < whole; ++r) sum += sm_key_loss(keys[r]);
    double frac = k - whole;
    if (frac > 0) sum += frac * sm_key_loss(keys[whole]);
    return sum / k;
}

#endif // SM_TAIL_CUH
