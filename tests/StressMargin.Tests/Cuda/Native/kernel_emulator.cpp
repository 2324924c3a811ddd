// kernel_emulator.cpp: runs kernels/*.cu on the host, for tests only (compiled with -include cuda_shim.h).
//
// sm_emu_launch(name, grid, block, args) executes every block of the grid, one after another, on the calling
// thread. Kernels without __syncthreads run their threads one after another; kernels that synchronize
// (sm_tail_select) run each thread as a ucontext fiber, and __syncthreads() switches back to a scheduler that
// resumes the next thread, so every thread of the block reaches the barrier before any passes it. __shared__
// variables are function statics: one copy, shared by the block being run. This checks the arithmetic and the
// indexing of the kernels and the orchestration of the C# pipeline; it cannot show races or hardware behaviour.
#include <ucontext.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "factor_paths.cu"
#include "revalue.cu"
#include "account_loss.cu"
#include "tail_select.cu"
#include "attribution.cu"

namespace
{
sm_dim3 g_thread, g_block, g_block_dim, g_grid_dim;

struct Fiber
{
    ucontext_t context;
    std::vector<char> stack;
    sm_dim3 index;
    bool done;
};

std::vector<Fiber> g_fibers;
ucontext_t g_scheduler;
int g_current = -1;
void (*g_kernel)(const void*) = nullptr;
const void* g_args = nullptr;

void fiber_entry()
{
    g_kernel(g_args);
    g_fibers[g_current].done = true; // returning resumes g_scheduler (uc_link)
}

template <typename Args, void (*Kernel)(Args)>
void thunk(const void* args) { Kernel(*static_cast<const Args*>(args)); }

struct Entry
{
    const char* name;
    void (*run)(const void*);
    bool synchronizes;
};

const Entry kKernels[] = {
    {"sm_factor_paths", thunk<SmFactorArgs, sm_factor_paths>, false},
    {"sm_revalue_f64", thunk<SmRevalueArgs, sm_revalue_f64>, false},
    {"sm_revalue_f32", thunk<SmRevalueArgs, sm_revalue_f32>, false},
    {"sm_account_loss", thunk<SmLossArgs, sm_account_loss>, false},
    {"sm_tail_select", thunk<SmTailArgs, sm_tail_select>, true},
    {"sm_attribution_f64", thunk<SmAttributionArgs, sm_attribution_f64>, false},
    {"sm_attribution_f32", thunk<SmAttributionArgs, sm_attribution_f32>, false},
    {"sm_component_es", thunk<SmComponentArgs, sm_component_es>, false},
};

const size_t kFiberStack = 128 * 1024;

void run_block_sequential(unsigned threads)
{
    for (unsigned t = 0; t < threads; ++t)
    {
        g_thread = {t % g_block_dim.x, (t / g_block_dim.x) % g_block_dim.y, t / (g_block_dim.x * g_block_dim.y)};
        g_kernel(g_args);
    }
}

void run_block_fibers(unsigned threads)
{
    if (g_fibers.size() < threads) g_fibers.resize(threads);
    for (unsigned t = 0; t < threads; ++t)
    {
        Fiber& f = g_fibers[t];
        if (f.stack.size() < kFiberStack) f.stack.resize(kFiberStack);
        getcontext(&f.context);
        f.context.uc_stack.ss_sp = f.stack.data();
        f.context.uc_stack.ss_size = f.stack.size();
        f.context.uc_link = &g_scheduler;
        makecontext(&f.context, fiber_entry, 0);
        f.index = {t % g_block_dim.x, (t / g_block_dim.x) % g_block_dim.y, t / (g_block_dim.x * g_block_dim.y)};
        f.done = false;
    }
    unsigned live = threads;
    while (live > 0)
        for (unsigned t = 0; t < threads; ++t)
        {
            if (g_fibers[t].done) continue;
            g_current = (int)t;
            g_thread = g_fibers[t].index;
            swapcontext(&g_scheduler, &g_fibers[t].context);
            if (g_fibers[t].done) --live;
        }
    g_current = -1;
}
} // namespace

sm_dim3& sm_emu_thread_idx() { return g_thread; }
sm_dim3& sm_emu_block_idx() { return g_block; }
sm_dim3& sm_emu_block_dim() { return g_block_dim; }
sm_dim3& sm_emu_grid_dim() { return g_grid_dim; }

void __syncthreads()
{
    if (g_current < 0)
    {
        if (g_block_dim.x * g_block_dim.y * g_block_dim.z == 1) return;
        std::fprintf(stderr, "kernel_emulator: __syncthreads() in a kernel not marked as synchronizing\n");
        std::abort();
    }
    swapcontext(&g_fibers[g_current].context, &g_scheduler);
}

unsigned int atomicAdd(unsigned int* address, unsigned int value) { return __atomic_fetch_add(address, value, __ATOMIC_SEQ_CST); }

int atomicCAS(int* address, int compare, int value)
{
    __atomic_compare_exchange_n(address, &compare, value, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return compare;
}

/// Launches kernel `name` with one by-value argument struct (params[0] points at it, as for cuLaunchKernel).
/// Returns 0, or 1 for an unknown kernel, 2 for an empty or oversized launch.
extern "C" int sm_emu_launch(const char* name, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz, void** params)
{
    const Entry* entry = nullptr;
    for (const Entry& e : kKernels)
        if (std::strcmp(e.name, name) == 0) entry = &e;
    if (entry == nullptr) return 1;
    unsigned threads = bx * by * bz;
    if (gx == 0 || gy == 0 || gz == 0 || threads == 0 || threads > 1024) return 2;
    g_grid_dim = {gx, gy, gz};
    g_block_dim = {bx, by, bz};
    g_kernel = entry->run;
    g_args = params[0];
    for (unsigned z = 0; z < gz; ++z)
        for (unsigned y = 0; y < gy; ++y)
            for (unsigned x = 0; x < gx; ++x)
            {
                g_block = {x, y, z};
                if (entry->synchronizes) run_block_fibers(threads); else run_block_sequential(threads);
            }
    return 0;
}

// ---- "device" memory: host memory handed out by address, so the C# runtime needs no pointers of its own ------
extern "C" unsigned long long sm_emu_alloc(unsigned long long bytes) { return (unsigned long long)std::malloc(bytes); }

extern "C" void sm_emu_free(unsigned long long address) { std::free((void*)address); }

extern "C" void sm_emu_copy(unsigned long long destination, unsigned long long source, unsigned long long bytes)
{
    std::memcpy((void*)destination, (const void*)source, bytes);
}

extern "C" void sm_emu_zero(unsigned long long destination, unsigned long long bytes) { std::memset((void*)destination, 0, bytes); }
