// tail_select.cu: kernel (4), the tail reduction per account by radix selection, not a full sort.
//
// One block per segment (grid-stride over segments). A segment is an account's whole loss row (VaR, ES, the tail
// paths for component ES) or one of its batch-means batches (ES of a contiguous slice). For the m largest of its
// count losses, ranked by (loss descending, path ascending) exactly as TailEstimator:
//   1. Radix select, most significant byte first, on the order-preserving 64-bit keys (tail.cuh): per pass a
//      256-bin histogram in shared memory of the keys that still match the selected prefix; thread 0 walks the
//      bins from the top to find the byte holding the m-th largest and how many lie above it. Stops after 8 passes
//      (the exact threshold key τ) or as soon as the selected bin holds exactly the ranks still missing.
//   2. Ordered compaction: each thread counts, over its contiguous slice of the row, the keys above the threshold
//      and those equal to it; an exclusive scan of the counts (thread 0) gives each thread its output positions, so
//      the candidates come out in path order and only the lowest-indexed equal keys are kept: exactly m of them.
//   3. Sort the m candidates by (key descending, path ascending): insertion sort by one thread for m ≤ 64, else a
//      block-wide bitonic sort over a power-of-two capacity padded with sentinels (key 0 ranks after every finite
//      loss).
//   4. ES = [Σ_{r<⌊k⌋} L(r) + (k − ⌊k⌋)·L(⌊k⌋)] / k summed by thread 0 in rank order through a shared tile; the
//      whole-row segments also write their m ranked (loss, path) pairs for VaR and attribution.
// A non-finite loss reports SM_ERROR_NON_FINITE_LOSS (the host fails the run, as the CPU does).
#include "kernel_args.cuh"
#include "tail.cuh"

extern "C" __global__ void sm_tail_select(const SmTailArgs a)
{
    __shared__ unsigned int hist[2][256];
    __shared__ unsigned int count_above[SM_TAIL_MAX_THREADS];
    __shared__ unsigned int count_equal[SM_TAIL_MAX_THREADS];
    __shared__ double tile[SM_TAIL_TILE];
    __shared__ sm_u64 s_prefix;
    __shared__ sm_u64 s_mask;
    __shared__ unsigned int s_remaining;
    __shared__ int s_done;
    __shared__ double s_sum;

    const int tid = (int)threadIdx.x;
    const int nt = (int)blockDim.x;
    for (int s = (int)blockIdx.x; s < a.segment_count; s += (int)gridDim.x)
    {
        const SmTailSegment seg = a.segments[s];
        const double* row = a.loss + (sm_i64)seg.row * a.loss_stride + seg.start;
        const int n = seg.count;
        const int m = seg.m;
        sm_u64* keys = a.scratch_keys + seg.scratch_offset;
        int* paths = a.scratch_paths + seg.scratch_offset;
        if (m < 1 || m > n || seg.capacity < m || (m > SM_TAIL_SMALL_SORT && (seg.capacity & (seg.capacity - 1)) != 0))
        {
            if (tid == 0) sm_report_error(a.error, SM_ERROR_TAIL_LAYOUT, s, m, seg.capacity);
            continue; // uniform across the block: every thread reads the same segment
        }

        // ---- 1. radix select -------------------------------------------------------------------------------
        for (int i = tid; i < 512; i += nt) hist[i >> 8][i & 255] = 0;
        if (tid == 0) { s_prefix = 0; s_mask = 0; s_remaining = (unsigned int)m; s_done = 0; }
        __syncthreads();
        for (int pass = 0; pass < 8; ++pass)
        {
            const int shift = 56 - 8 * pass;
            unsigned int* h = hist[pass & 1];
            const sm_u64 prefix = s_prefix, mask = s_mask;
            for (int i = tid; i < n; i += nt)
            {
                double v = row[i];
                if (pass == 0 && !sm_is_finite(v)) sm_report_error(a.error, SM_ERROR_NON_FINITE_LOSS, seg.row, (int)(seg.start + i), 0);
                sm_u64 key = sm_loss_key(v);
                if ((key & mask) == prefix) atomicAdd(&h[(key >> shift) & 255u], 1u);
            }
            __syncthreads();
            if (tid == 0)
            {
                unsigned int remaining = s_remaining, above = 0;
                int d = 255;
                for (; d > 0; --d)
                {
                    if (above + h[d] >= remaining) break;
                    above += h[d];
                }
                s_remaining = remaining - above;
                s_prefix = prefix | ((sm_u64)d << shift);
                s_mask = mask | (0xFFull << shift);
                s_done = h[d] == remaining - above ? 1 : 0; // the whole bin is in the tail: no need to refine
            }
            unsigned int* next = hist[(pass + 1) & 1];
            for (int i = tid; i < 256; i += nt) next[i] = 0;
            __syncthreads();
            if (s_done) break;
        }

        // ---- 2. ordered compaction ---------------------------------------------------------------------------
        const sm_u64 prefix = s_prefix, mask = s_mask;
        const unsigned int need_equal = s_remaining;
        const unsigned int above_total = (unsigned int)m - need_equal;
        const int per = (n + nt - 1) / nt;
        const int begin = tid * per < n ? tid * per : n;
        const int end = begin + per < n ? begin + per : n;
        unsigned int above = 0, equal = 0;
        for (int i = begin; i < end; ++i)
        {
            sm_u64 masked = sm_loss_key(row[i]) & mask;
            if (masked > prefix) ++above;
            else if (masked == prefix) ++equal;
        }
        count_above[tid] = above;
        count_equal[tid] = equal;
        __syncthreads();
        if (tid == 0)
        {
            unsigned int sa = 0, se = 0;
            for (int t = 0; t < nt; ++t)
            {
                unsigned int ca = count_above[t], ce = count_equal[t];
                count_above[t] = sa; count_equal[t] = se;
                sa += ca; se += ce;
            }
        }
        __syncthreads();
        unsigned int out_above = count_above[tid], out_equal = count_equal[tid];
        for (int i = begin; i < end; ++i)
        {
            sm_u64 key = sm_loss_key(row[i]);
            sm_u64 masked = key & mask;
            if (masked > prefix)
            {
                keys[out_above] = key; paths[out_above] = (int)(seg.start + i); ++out_above;
            }
            else if (masked == prefix)
            {
                if (out_equal < need_equal) { keys[above_total + out_equal] = key; paths[above_total + out_equal] = (int)(seg.start + i); }
                ++out_equal;
            }
        }
        for (int i = m + tid; i < seg.capacity; i += nt) { keys[i] = 0; paths[i] = 0x7FFFFFFF; }
        __syncthreads();

        // ---- 3. sort the m candidates ------------------------------------------------------------------------
        if (m <= SM_TAIL_SMALL_SORT)
        {
            if (tid == 0)
                for (int i = 1; i < m; ++i)
                {
                    sm_u64 key = keys[i]; int path = paths[i];
                    int j = i - 1;
                    while (j >= 0 && sm_ranks_before(key, path, keys[j], paths[j])) { keys[j + 1] = keys[j]; paths[j + 1] = paths[j]; --j; }
                    keys[j + 1] = key; paths[j + 1] = path;
                }
        }
        else
        {
            const int cap = seg.capacity;
            for (int size = 2; size <= cap; size <<= 1)
                for (int stride = size >> 1; stride > 0; stride >>= 1)
                {
                    for (int i = tid; i < cap; i += nt)
                    {
                        int l = i ^ stride;
                        if (l <= i) continue;
                        sm_u64 ki = keys[i], kl = keys[l];
                        int pi = paths[i], pl = paths[l];
                        bool forward = (i & size) == 0;
                        if (forward ? sm_ranks_before(kl, pl, ki, pi) : sm_ranks_before(ki, pi, kl, pl))
                        {
                            keys[i] = kl; keys[l] = ki; paths[i] = pl; paths[l] = pi;
                        }
                    }
                    __syncthreads();
                }
        }
        __syncthreads();

        // ---- 4. ES in rank order, ranked output -------------------------------------------------------------
        const int whole = (int)sm_floor(seg.k);
        if (tid == 0) s_sum = 0;
        for (int base = 0; base < whole; base += SM_TAIL_TILE)
        {
            const int len = whole - base < SM_TAIL_TILE ? whole - base : SM_TAIL_TILE;
            for (int t = tid; t < len; t += nt) tile[t] = sm_key_loss(keys[base + t]);
            __syncthreads();
            if (tid == 0)
            {
                double sum = s_sum;
                for (int t = 0; t < len; ++t) sum += tile[t];
                s_sum = sum;
            }
            __syncthreads();
        }
        if (tid == 0)
        {
            double sum = s_sum;
            double frac = seg.k - whole;
            if (frac > 0) sum += frac * sm_key_loss(keys[whole]);
            a.out_es[s] = sum / seg.k;
        }
        if (seg.out_offset >= 0)
            for (int r = tid; r < m; r += nt)
            {
                a.out_values[seg.out_offset + r] = sm_key_loss(keys[r]);
                a.out_paths[seg.out_offset + r] = paths[r];
            }
        __syncthreads();
    }
}
