// philox.cuh: Philox4x32-10 (Salmon, Moraes, Dror & Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC11,
// 2011; the Random123 constants) and the 52-bit open uniform. Mirrors src/StressMargin.Core/Numerics/Philox4x32.cs
// word for word: the parity tests require bit-identical output.
#ifndef SM_PHILOX_CUH
#define SM_PHILOX_CUH

#include "sm_platform.cuh"

#define SM_PHILOX_M0 0xD2511F53u
#define SM_PHILOX_M1 0xCD9E8D57u
#define SM_PHILOX_W0 0x9E3779B9u
#define SM_PHILOX_W1 0xBB67AE85u

/// One Philox4x32-10 block: ten rounds on counter c[0..3] (c[0] least significant) under key (k0, k1).
/// Round: (hi0, lo0) = M0·c0, (hi1, lo1) = M1·c2 (64-bit products); c ← (hi1 ⊕ c1 ⊕ k0, lo1, hi0 ⊕ c3 ⊕ k1, lo0);
/// the key is bumped by (W0, W1) before rounds 2–10. Writes four 32-bit words to r[0..3].
SM_HD void sm_philox4x32_10(const sm_u32 c[4], sm_u32 k0, sm_u32 k1, sm_u32 r[4])
{
    sm_u32 c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
    for (int round = 0; round < 10; ++round)
    {
        if (round > 0) { k0 += SM_PHILOX_W0; k1 += SM_PHILOX_W1; }
        sm_u64 p0 = (sm_u64)SM_PHILOX_M0 * c0;
        sm_u64 p1 = (sm_u64)SM_PHILOX_M1 * c2;
        sm_u32 hi0 = (sm_u32)(p0 >> 32), lo0 = (sm_u32)p0;
        sm_u32 hi1 = (sm_u32)(p1 >> 32), lo1 = (sm_u32)p1;
        c0 = hi1 ^ c1 ^ k0;
        c1 = lo1;
        c2 = hi0 ^ c3 ^ k1;
        c3 = lo0;
    }
    r[0] = c0; r[1] = c1; r[2] = c2; r[3] = c3;
}

/// Two words to a double uniform on (0, 1) with 52 random bits: u = (⌊(hi·2³² + lo) / 2¹²⌋ + ½)·2⁻⁵², so
/// 2⁻⁵³ ≤ u ≤ 1 − 2⁻⁵³, every value exact (Philox4x32.ToUniformOpen).
SM_HD double sm_uniform_open(sm_u32 lo, sm_u32 hi)
{
    sm_u64 bits = (((sm_u64)hi << 32) | (sm_u64)lo) >> 12;
    return ((double)bits + 0.5) * (1.0 / 4503599627370496.0);
}

#endif // SM_PHILOX_CUH
