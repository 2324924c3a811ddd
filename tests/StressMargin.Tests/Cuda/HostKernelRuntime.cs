using StressMargin.Compute.Cuda;

namespace StressMargin.Tests.Cuda;

/// <summary>
/// A <see cref="KernelRuntime"/> whose "device" is the host: kernels/*.cu compiled by the host compiler and run by
/// Native/kernel_emulator.cpp, memory from malloc. <paramref name="capacityBytes"/> plays the device's memory size:
/// an allocation beyond it fails like cuMemAlloc would, so the tests can prove that the memory plan is respected.
/// Launches are serialized process-wide (the emulator runs one grid at a time).
/// </summary>
internal sealed class HostKernelRuntime(long capacityBytes = 1L << 30, int maxThreadsPerBlock = 1024) : KernelRuntime
{
    private static readonly Lock LaunchGate = new();

    public int Launches { get; private set; }

    public override long AvailableBytes => capacityBytes - AllocatedBytes;

    public override int MaxThreadsPerBlock => maxThreadsPerBlock;

    public override void Synchronize() { }

    protected override ulong AllocateCore(long bytes)
    {
        if (AllocatedBytes + bytes > capacityBytes)
            throw new CudaException("cuMemAlloc_v2", 2, "CUDA_ERROR_OUT_OF_MEMORY", $"emulated device of {capacityBytes:N0} bytes: {AllocatedBytes:N0} in use, {bytes:N0} requested");
        ulong address = HostNative.sm_emu_alloc((ulong)bytes);
        if (address == 0) throw new OutOfMemoryException();
        return address;
    }

    protected override bool FreeCore(ulong address)
    {
        HostNative.sm_emu_free(address);
        return true;
    }

    protected override void CopyToDevice(ulong destination, IntPtr source, long bytes) => HostNative.sm_emu_copy(destination, (ulong)(long)source, (ulong)bytes);

    protected override void CopyToHost(IntPtr destination, ulong source, long bytes) => HostNative.sm_emu_copy((ulong)(long)destination, source, (ulong)bytes);

    protected override void ZeroCore(ulong destination, long bytes) => HostNative.sm_emu_zero(destination, (ulong)bytes);

    protected override void LaunchCore(string kernel, Dim3 grid, Dim3 block, IntPtr parameters)
    {
        int status;
        lock (LaunchGate) status = HostNative.sm_emu_launch(kernel, grid.X, grid.Y, grid.Z, block.X, block.Y, block.Z, parameters);
        Launches++;
        if (status != 0) throw new CudaException($"cuLaunchKernel({kernel})", status, status == 1 ? "CUDA_ERROR_NOT_FOUND" : "CUDA_ERROR_INVALID_VALUE", "emulated launch failed");
    }
}
