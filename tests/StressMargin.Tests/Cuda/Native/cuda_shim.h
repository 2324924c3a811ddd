// cuda_shim.h: host stand-ins for the CUDA built-ins used by kernels/*.cu, so that the kernels compile with g++:
//   g++ -std=c++17 -fsyntax-only -x c++ -include cuda_shim.h -I kernels kernels/foo.cu            (host mode)
//   g++ ... -DSM_SHIM_RTC -nostdinc -nostdinc++ ...                                              (NVRTC mode)
// NVRTC mode defines __CUDACC__/__CUDACC_RTC__ and declares the few math functions NVRTC provides, with no system
// header at all, so a kernel that reaches for the standard library fails the check as it would fail NVRTC.
// The definitions behind these declarations are in kernel_emulator.cpp (host execution for the tests).
#ifndef SM_CUDA_SHIM_H
#define SM_CUDA_SHIM_H

#if defined(SM_SHIM_RTC)
#  define __CUDACC__ 1
#  define __CUDACC_RTC__ 1
extern "C" {
double exp(double); float expf(float);
double log(double); float logf(float);
double sqrt(double); float sqrtf(float);
double floor(double); float floorf(float);
double fabs(double); float fabsf(float);
}
long long __double_as_longlong(double);
double __longlong_as_double(long long);
#endif

#define __global__
#define __device__
#define __host__
#define __shared__ static
#define __forceinline__ inline

struct sm_dim3 { unsigned int x, y, z; };
sm_dim3& sm_emu_thread_idx();
sm_dim3& sm_emu_block_idx();
sm_dim3& sm_emu_block_dim();
sm_dim3& sm_emu_grid_dim();
#define threadIdx (sm_emu_thread_idx())
#define blockIdx (sm_emu_block_idx())
#define blockDim (sm_emu_block_dim())
#define gridDim (sm_emu_grid_dim())

void __syncthreads();
unsigned int atomicAdd(unsigned int* address, unsigned int value);
int atomicCAS(int* address, int compare, int value);

#endif // SM_CUDA_SHIM_H
