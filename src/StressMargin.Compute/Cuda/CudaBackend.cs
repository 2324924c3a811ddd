using System.Diagnostics;
using StressMargin.Compute.Cuda.Native;
using StressMargin.Compute.Plan;

namespace StressMargin.Compute.Cuda;

/// <summary>
/// The CUDA backend: the CPU backend's simulation, revaluation, aggregation, tail reduction and attribution as GPU
/// kernels (kernels/*.cu), compiled at run time by NVRTC for the device and launched through the driver API
/// (docs/model.md §10b). Same Philox stream, same formulas and operation order (no FMA contraction), same tail
/// conventions: in double precision its figures agree with the CPU's to rounding.
/// <para><see cref="Open"/> does everything that can fail for lack of a driver, device or compiler (load libcuda,
/// <c>cuInit</c>, the device, its primary context, NVRTC and the kernel module, from the module cache when
/// possible), so that <c>--device auto</c> can fall back to the CPU before any work is done.</para>
/// </summary>
public sealed class CudaBackend : IComputeBackend, IDisposable
{
    private readonly CudaKernelRuntime _runtime;
    private readonly GpuPipelineOptions _options;
    private readonly string _target;
    private readonly string _cache;
    private readonly double _setupSeconds;

    private CudaBackend(CudaKernelRuntime runtime, CudaDeviceInfo device, string driver, string nvrtc, GpuPipelineOptions options,
        string target, string cache, double setupSeconds)
    {
        _runtime = runtime;
        _options = options;
        _target = target;
        _cache = cache;
        _setupSeconds = setupSeconds;
        DeviceInfo = device;
        Device = $"{device}, CUDA driver {driver}, NVRTC {nvrtc}, {(options.Precision == CudaPrecision.Single ? "single" : "double")} precision";
    }

    /// <inheritdoc/>
    public string Name => "cuda";

    /// <inheritdoc/>
    public string Device { get; }

    /// <summary>The device in use.</summary>
    public CudaDeviceInfo DeviceInfo { get; }

    /// <summary>Opens device <paramref name="ordinal"/> and loads the kernels for it.</summary>
    /// <param name="ordinal">Device ordinal (<c>cuda:N</c>).</param>
    /// <param name="precision">Black-76 precision.</param>
    /// <param name="memoryBudgetBytes">Device bytes a run may use; null: 90 % of the free memory less 256 MiB.</param>
    /// <returns>The backend; dispose it to release the device.</returns>
    /// <exception cref="CudaUnavailableException">No driver, no such device, no NVRTC, or the kernels do not compile.</exception>
    public static CudaBackend Open(int ordinal = 0, CudaPrecision precision = CudaPrecision.Double, long? memoryBudgetBytes = null)
    {
        var clock = Stopwatch.StartNew();
        CudaDriver.EnsureInitialized();
        CudaContextHandle? context = null;
        CudaModuleHandle? module = null;
        try
        {
            int count = CudaDriver.DeviceCount();
            if (count == 0) throw new CudaUnavailableException(CudaUnavailableReason.NoDevice, "the CUDA driver reports no device");
            if (ordinal < 0 || ordinal >= count)
                throw new CudaUnavailableException(CudaUnavailableReason.NoSuchDevice,
                    $"there is no device cuda:{ordinal}; this machine has {count} CUDA device{(count == 1 ? "" : "s")} (cuda:0{(count > 1 ? $" … cuda:{count - 1}" : "")})");
            var device = CudaDriver.Describe(ordinal);
            string driver = CudaDeviceInfo.FormatVersion(CudaDriver.Version());
            string nvrtc = Nvrtc.Identity();
            var (architecture, ptx) = Nvrtc.Target(device);
            var options = Nvrtc.Options(architecture);
            var sources = KernelSources.Current;
            var (image, cache) = KernelModuleCache.GetOrCompile(architecture, sources.Hash(options, nvrtc), ptx, () => Nvrtc.Compile(sources, options, ptx));
            context = CudaContextHandle.Retain(ordinal);
            module = CudaModuleHandle.Load(context, image, ptx);
            CudaDriver.Check(LibCuda.cuDeviceGet(out int handle, ordinal), "cuDeviceGet");
            CudaDriver.Check(LibCuda.cuDeviceGetAttribute(out int maxThreads, LibCuda.AttributeMaxThreadsPerBlock, handle), "cuDeviceGetAttribute");
            var runtime = new CudaKernelRuntime(context, module, maxThreads);
            var pipeline = new GpuPipelineOptions { Precision = precision, MemoryBudgetBytes = memoryBudgetBytes };
            return new CudaBackend(runtime, device, driver, nvrtc["nvrtc ".Length..], pipeline, ptx ? $"{architecture} (PTX)" : architecture, cache, clock.Elapsed.TotalSeconds);
        }
        catch (CudaException e)
        {
            module?.Dispose();
            context?.Dispose();
            throw new CudaUnavailableException(CudaUnavailableReason.DeviceFailed, e.Message, e);
        }
        catch (EntryPointNotFoundException e)
        {
            module?.Dispose();
            context?.Dispose();
            throw new CudaUnavailableException(CudaUnavailableReason.DeviceFailed, $"a CUDA library lacks a function the backend needs ({e.Message})", e);
        }
        catch
        {
            module?.Dispose();
            context?.Dispose();
            throw;
        }
    }

    /// <summary>Whether the kernels implement everything the plan uses (distribution, vol dynamics, instrument kinds).</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="reason">Why not; null when supported.</param>
    /// <returns>True when the CUDA backend can run the plan.</returns>
    public static bool Supports(RevaluationPlan plan, out string? reason) => CudaKernelSupport.Supports(plan, out reason);

    /// <inheritdoc/>
    /// <exception cref="CudaUnavailableException">The plan is not supported, or the device memory is too small.</exception>
    /// <exception cref="CudaException">A driver call failed during the run.</exception>
    public BookRisk Run(RevaluationPlan plan, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (risk, stats) = GpuPipeline.Run(_runtime, plan, _options, progress, cancellationToken);
        var stages = new List<KeyValuePair<string, double>> { new("device_setup", _setupSeconds) };
        stages.AddRange(risk.StageSeconds);
        var gpu = new GpuRunInfo(_options.Precision == CudaPrecision.Single ? "single" : "double", stats.PeakDeviceBytes, stats.BudgetBytes,
            stats.PathChunk, stats.PathChunks, stats.AttributionBatches, _target, _cache, _setupSeconds);
        return risk with { StageSeconds = stages, Gpu = gpu };
    }

    /// <inheritdoc/>
    public void Dispose() => _runtime.Dispose();
}
