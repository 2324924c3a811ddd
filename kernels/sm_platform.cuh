// sm_platform.cuh: what the kernel sources need from the platform, and nothing else.
//
// Every *.cuh file is plain C++ with __host__ __device__ functions, so that the same source compiles
//   - with NVRTC for the GPU (__CUDACC__ and __CUDACC_RTC__ defined; no standard library, no system headers;
//     exp/log/sqrt/floor/fabs are the CUDA math library's device functions), and
//   - with a host C++ compiler (g++ -O2 -ffp-contract=off) for the parity tests, where the same names resolve
//     to the C library (glibc), i.e. the functions behind .NET's Math.Exp/Math.Log on Linux.
// This is the only file that may include a system header, and only outside NVRTC.
#ifndef SM_PLATFORM_CUH
#define SM_PLATFORM_CUH

#if !defined(__CUDACC__)
#  include <cmath>
#  include <cstring>
#  ifndef __host__
#    define __host__
#  endif
#  ifndef __device__
#    define __device__
#  endif
#  ifndef __forceinline__
#    define __forceinline__ inline
#  endif
#endif

/// Marks a function usable on the host and on the device (always inline: no ODR trouble when headers are shared).
#define SM_HD __host__ __device__ __forceinline__

typedef unsigned int sm_u32;
typedef unsigned long long sm_u64;
typedef long long sm_i64;

// ---- math: one overload per precision, so templates pick exp/expf etc. -----------------------------------
SM_HD double sm_exp(double x) { return exp(x); }
SM_HD float sm_exp(float x) { return expf(x); }
SM_HD double sm_log(double x) { return log(x); }
SM_HD float sm_log(float x) { return logf(x); }
SM_HD double sm_sqrt(double x) { return sqrt(x); }
SM_HD float sm_sqrt(float x) { return sqrtf(x); }
SM_HD double sm_floor(double x) { return floor(x); }
SM_HD float sm_floor(float x) { return floorf(x); }
SM_HD double sm_fabs(double x) { return fabs(x); }
SM_HD float sm_fabs(float x) { return fabsf(x); }

// ---- bit casts -------------------------------------------------------------------------------------------
/// The IEEE-754 bits of a double.
SM_HD sm_u64 sm_double_bits(double x)
{
#if defined(__CUDACC__)
    return (sm_u64)__double_as_longlong(x);
#else
    sm_u64 b;
    memcpy(&b, &x, sizeof b);
    return b;
#endif
}

/// The double with the given IEEE-754 bits.
SM_HD double sm_bits_double(sm_u64 b)
{
#if defined(__CUDACC__)
    return __longlong_as_double((long long)b);
#else
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
#endif
}

/// True for a finite double (not ±∞, not NaN): the exponent field is not all ones.
SM_HD bool sm_is_finite(double x) { return ((sm_double_bits(x) >> 52) & 0x7FFull) != 0x7FFull; }

#endif // SM_PLATFORM_CUH
