// scenario_random.cuh: the random numbers of a simulation as a pure function of (seed, path, step, draw)
// (ScenarioRandom.cs): Philox4x32-10 keyed by the seed (k0, k1) = (seed mod 2³², ⌊seed/2³²⌋), counter
// (path mod 2³², ⌊path/2³²⌋, step, draw). Normal i of (path, step) comes from draw ⌊i/2⌋, words (r0, r1) for even i
// and (r2, r3) for odd i, via the 52-bit open uniform and AS 241. The chi-square of the Student t is drawn by
// Marsaglia–Tsang (ACM TOMS 26(3), 2000) from draw blocks 0x80000000 + attempt. The dates of filtered historical
// simulation come from draw blocks 0x40000000 + day (HistoricalDateDraw.cs).
#ifndef SM_SCENARIO_RANDOM_CUH
#define SM_SCENARIO_RANDOM_CUH

#include "sm_platform.cuh"
#include "philox.cuh"
#include "normal.cuh"

#define SM_GAMMA_DRAW_BASE 0x80000000u
#define SM_FHS_DATE_DRAW_BASE 0x40000000u
#define SM_MAX_GAMMA_ATTEMPTS 256

/// One Philox block for (seed, path, step, draw) into r[0..3] (ScenarioRandom.Block).
SM_HD void sm_random_block(sm_u64 seed, sm_i64 path, int step, sm_u32 draw, sm_u32 r[4])
{
    sm_u32 c[4];
    c[0] = (sm_u32)path;
    c[1] = (sm_u32)((sm_u64)path >> 32);
    c[2] = (sm_u32)step;
    c[3] = draw;
    sm_philox4x32_10(c, (sm_u32)seed, (sm_u32)(seed >> 32), r);
}

/// Standard normals 0..n−1 of (path, step) into z[i·stride] (ScenarioRandom.StandardNormals).
SM_HD void sm_standard_normals(sm_u64 seed, sm_i64 path, int step, double* z, sm_i64 stride, int n)
{
    for (int i = 0; i < n; i += 2)
    {
        sm_u32 r[4];
        sm_random_block(seed, path, step, (sm_u32)(i >> 1), r);
        z[(sm_i64)i * stride] = sm_inverse_normal_cdf(sm_uniform_open(r[0], r[1]));
        if (i + 1 < n) z[(sm_i64)(i + 1) * stride] = sm_inverse_normal_cdf(sm_uniform_open(r[2], r[3]));
    }
}

/// ⌊a·b / 2⁶⁴⌋: the high 64 bits of the 128-bit product (Math.BigMul's high word, CUDA's __umul64hi), from four
/// 32×32→64-bit partial products. Plain unsigned integer C++, so the same code, and the same result, on the host and
/// on the device.
SM_HD sm_u64 sm_mul_hi_u64(sm_u64 a, sm_u64 b)
{
    const sm_u64 mask = 0xFFFFFFFFull;
    sm_u64 a_lo = a & mask, a_hi = a >> 32, b_lo = b & mask, b_hi = b >> 32;
    sm_u64 ll = a_lo * b_lo, lh = a_lo * b_hi, hl = a_hi * b_lo, hh = a_hi * b_hi;
    sm_u64 mid = (ll >> 32) + (lh & mask) + (hl & mask); // < 3·2³²: no overflow
    return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

/// The date index of day `day` of a path among `count` candidates (HistoricalDateDraw.Index): block (seed, path,
/// step 0, draw 0x40000000 + day), m = r1·2³² + r0, index = ⌊m·count / 2⁶⁴⌋ (Lemire), in [0, count).
SM_HD int sm_historical_date_index(sm_u64 seed, sm_i64 path, int day, int count)
{
    sm_u32 r[4];
    sm_random_block(seed, path, 0, SM_FHS_DATE_DRAW_BASE + (sm_u32)day, r);
    sm_u64 m = ((sm_u64)r[1] << 32) | (sm_u64)r[0];
    return (int)sm_mul_hi_u64(m, (sm_u64)(sm_i64)count);
}

/// W ~ χ²_ν as 2·G, G ~ Gamma(ν/2, 1) by Marsaglia–Tsang (ScenarioRandom.ChiSquare): d = ν/2 − 1/3,
/// c = 1/√(9d); attempt t uses draw 0x80000000 + t, z from words (r0, r1) and u from (r2, r3); v = (1 + c·z)³,
/// rejected if 1 + c·z ≤ 0, accepted if ln u < ½z² + d − d·v + d·ln v. Returns false after 256 rejections.
SM_HD bool sm_chi_square(sm_u64 seed, sm_i64 path, int step, double degrees_of_freedom, double* w)
{
    double d = 0.5 * degrees_of_freedom - 1.0 / 3.0;
    double c = 1.0 / sm_sqrt(9.0 * d);
    for (sm_u32 attempt = 0; attempt < (sm_u32)SM_MAX_GAMMA_ATTEMPTS; ++attempt)
    {
        sm_u32 r[4];
        sm_random_block(seed, path, step, SM_GAMMA_DRAW_BASE + attempt, r);
        double z = sm_inverse_normal_cdf(sm_uniform_open(r[0], r[1]));
        double t = 1.0 + c * z;
        if (t <= 0) continue;
        double v = t * t * t;
        double u = sm_uniform_open(r[2], r[3]);
        if (sm_log(u) < 0.5 * z * z + d - d * v + d * sm_log(v)) { *w = 2.0 * d * v; return true; }
    }
    return false;
}

#endif // SM_SCENARIO_RANDOM_CUH
