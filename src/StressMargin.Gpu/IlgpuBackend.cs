using System.Diagnostics;
using System.Globalization;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using StressMargin.Compute;
using StressMargin.Compute.Plan;
using StressMargin.Core.Numerics;
using StressMargin.Core.Risk;
using StressMargin.Core.RiskModel;
using StressMargin.Kernels;

namespace StressMargin.Gpu;

/// <summary>
/// The GPU backend: the ILGPU kernels of <c>kernels/</c> on a CUDA device (<c>--device cuda[:N]</c>) or on ILGPU's CPU
/// accelerator (<c>--device ilgpu-cpu</c>, which runs the same kernels' IL on the host and is what CI uses to execute
/// them). Per chunk of paths (docs/model.md, "GPU backend"):
/// <list type="number">
/// <item><b>simulate</b>: <see cref="FactorPathsKernel"/> (one thread per path) → <see cref="RevalueKernel"/> (per path
/// and instrument) → <see cref="AccountLossKernel"/> (per path and account) into the chunk's loss block
/// <c>[account, path in chunk]</c>;</item>
/// <item><b>tail</b>: <see cref="TailSelectKernel"/>, one group per (account, candidate set) job, merges the chunk into each
/// account's best-ranked losses and those of every batch-means batch the chunk touches; at the end the host reads the
/// sets back into a <see cref="TailPartial"/>, the same structure the CPU produces.</item>
/// </list>
/// Then <b>attribution</b>: per batch of accounts, their tail paths regenerated from the path indices and every
/// position's loss on them (<see cref="AttributionKernel"/>). No floating-point atomics and no reduction whose order
/// depends on scheduling, so repeated runs on one device are bit-identical; against the CPU backend the results agree
/// to rounding (within 1e-12 relative on ES in double precision: the exp and log implementations differ by an ulp, and
/// the GPU's compiler may fuse multiply-adds).
/// </summary>
public sealed class IlgpuBackend : IComputeBackend, IDisposable
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly KernelSet _kernels;
    private readonly GpuBackendOptions _options;
    private readonly DeviceMemory _memory;
    private readonly string _accel;
    private readonly string _math;
    private readonly double _setupSeconds;
    private readonly int _tailGroup;
    private DevicePlanBuffers? _plan;

    private IlgpuBackend(Context context, Accelerator accelerator, KernelSet kernels, GpuBackendOptions options, string accel, string math, string name, string device, double setupSeconds)
    {
        _context = context;
        _accelerator = accelerator;
        _kernels = kernels;
        _options = options;
        _memory = new DeviceMemory(accelerator);
        _accel = accel;
        _math = math;
        Name = name;
        Device = device;
        _setupSeconds = setupSeconds;
        _tailGroup = Math.Clamp(options.TailGroupSize ?? (accelerator.AcceleratorType == AcceleratorType.Cuda ? 256 : 1), 1, Math.Min(TailSelectKernel.MaxGroupSize, accelerator.MaxNumThreadsPerGroup));
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Device { get; }

    /// <summary>Elementary functions in the kernels: <c>libdevice</c>, <c>portable</c> or <c>system</c>.</summary>
    public string MathLibrary => _math;

    /// <summary>Opens CUDA device <paramref name="ordinal"/> and compiles the kernels for it (with LibDevice when
    /// <see cref="LibDeviceLocator"/> finds it, else with <see cref="PortableMath"/>).</summary>
    /// <param name="ordinal">CUDA device index.</param>
    /// <param name="options">Tuning; null for the defaults.</param>
    /// <returns>The backend.</returns>
    /// <exception cref="GpuUnavailableException">No CUDA driver or no such device, or the kernels do not compile.</exception>
    public static IlgpuBackend OpenCuda(int ordinal, GpuBackendOptions? options = null)
    {
        options ??= new GpuBackendOptions();
        var clock = Stopwatch.StartNew();
        var libDevice = options.ForcePortableMath ? null : LibDeviceLocator.Find(out _);
        if (libDevice is not null)
        {
            try
            {
                return OpenCuda(ordinal, options, libDevice, clock);
            }
            catch (GpuUnavailableException e) when (e.InnerException is not null && e.Message.StartsWith("kernels", StringComparison.Ordinal))
            {
                // After a failed compile an ILGPU context fails every later one: retry in a fresh context, without LibDevice.
            }
        }
        return OpenCuda(ordinal, options, null, clock);
    }

    private static IlgpuBackend OpenCuda(int ordinal, GpuBackendOptions options, LibDeviceFiles? libDevice, Stopwatch clock)
    {
        Context context;
        try
        {
            context = Context.Create(b =>
            {
                b.Cuda().EnableAlgorithms().Optimize(OptimizationLevel.O2);
                if (libDevice is not null) b.LibDevice(libDevice.LibNvvm, libDevice.LibDevice);
            });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new GpuUnavailableException($"CUDA could not be initialized: {e.Message}", e);
        }
        try
        {
            var devices = context.GetCudaDevices();
            if (devices.Count == 0) throw new GpuUnavailableException("no CUDA driver or device found");
            if (ordinal >= devices.Count) throw new GpuUnavailableException($"no CUDA device {ordinal}: {devices.Count} found (see 'stressmargin devices')");
            var device = context.GetCudaDevice(ordinal);
            var accelerator = device.CreateCudaAccelerator(context);
            string math = libDevice is null ? "portable" : "libdevice";
            var kernels = Load(accelerator, math == "portable", options.Precision);
            string description = string.Create(CultureInfo.InvariantCulture,
                $"{device.Name}, {Describe(device.Architecture)}, {device.MemorySize / (double)(1L << 30):F1} GiB, driver {device.DriverVersion}, {math} math");
            return new IlgpuBackend(context, accelerator, kernels, options, "cuda", math, ordinal == 0 ? "cuda" : $"cuda:{ordinal}", description, clock.Elapsed.TotalSeconds);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Opens ILGPU's CPU accelerator: the kernels' IL run on the host threads (System.Math, so the device
    /// math is bit-identical to the managed backend's scalar code).</summary>
    /// <param name="options">Tuning; null for the defaults.</param>
    /// <returns>The backend.</returns>
    /// <exception cref="GpuUnavailableException">The kernels do not compile.</exception>
    public static IlgpuBackend OpenCpu(GpuBackendOptions? options = null)
    {
        options ??= new GpuBackendOptions();
        var clock = Stopwatch.StartNew();
        // One multiprocessor per worker thread, with the smallest warp ILGPU allows: every group boundary is a thread
        // barrier on the CPU, so the grid-stride kernels run one group per multiprocessor (measured: 4-16x faster than
        // ILGPU's default device of 16-thread groups on a 2-core machine).
        var cpuDevice = new CPUDevice(numThreadsPerWarp: 2, numWarpsPerMultiprocessor: 1, numMultiprocessors: options.CpuThreads is > 0 ? options.CpuThreads.Value : Environment.ProcessorCount);
        var context = Context.Create(b => b.CPU(cpuDevice).EnableAlgorithms());
        try
        {
            var accelerator = context.CreateCPUAccelerator(0);
            var kernels = Load(accelerator, portable: false, options.Precision);
            string description = string.Create(CultureInfo.InvariantCulture,
                $"ILGPU CPU accelerator, {accelerator.NumMultiprocessors} multiprocessors × {accelerator.MaxNumThreadsPerMultiprocessor} threads, system math");
            return new IlgpuBackend(context, accelerator, kernels, options, "cpu", "system", "ilgpu-cpu", description, clock.Elapsed.TotalSeconds);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    private static KernelSet Load(Accelerator accelerator, bool portable, GpuPrecision precision)
    {
        try
        {
            return (portable, precision) switch
            {
                (false, GpuPrecision.Double) => KernelSet.Load<SystemMath, DoublePrecision>(accelerator),
                (false, GpuPrecision.Single) => KernelSet.Load<SystemMath, SinglePrecision>(accelerator),
                (true, GpuPrecision.Double) => KernelSet.Load<PortableMath, DoublePrecision>(accelerator),
                _ => KernelSet.Load<PortableMath, SinglePrecision>(accelerator),
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new GpuUnavailableException($"kernels do not compile for {accelerator.Name}: {e.Message}", e);
        }
    }

    private static string Describe(CudaArchitecture? architecture) =>
        architecture is { } a ? $"compute capability {a.Major}.{a.Minor}" : "compute capability unknown to ILGPU 1.5.3";

    /// <summary>Device bytes a run may use.</summary>
    public long MemoryBudgetBytes => _options.MemoryBudgetBytes
        ?? (_accelerator.AcceleratorType == AcceleratorType.Cuda ? Math.Max(256L << 20, (long)(_accelerator.MemorySize * 0.9) - (256L << 20)) : 1L << 30);

    private DevicePlan Upload(RevaluationPlan plan)
    {
        if (_plan?.Source != plan)
        {
            _plan?.Dispose();
            _plan = new DevicePlanBuffers(_memory, plan);
        }
        return _plan.View;
    }

    /// <inheritdoc/>
    public SimulationResult Simulate(RevaluationPlan plan, PathRange paths, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var view = Upload(plan);
        var layout = new TailLayout(plan.PathCount, plan.EsConfidence, plan.VarConfidence);
        var sets = new TailSets(layout, plan.AccountCount);
        int accounts = plan.AccountCount, factors = plan.FactorCount, instruments = plan.InstrumentCount;
        long fixedBytes = _memory.PeakBytes + sets.DeviceBytes;
        long perPath = 8L * (3L * factors + instruments + accounts);
        long fit = (MemoryBudgetBytes - fixedBytes) / perPath;
        long threadCap = int.MaxValue / Math.Max(1, Math.Max(instruments, accounts));
        long fitting = Math.Min(fit, threadCap);
        int chunk = (int)Math.Max(1, Math.Min(Math.Min(_options.MaxPathChunk, paths.Count), fitting));
        if (fitting < Math.Min(1024, paths.Count))
            throw new GpuUnavailableException(string.Create(CultureInfo.InvariantCulture,
                $"device memory too small for this book: {fixedBytes / 1e6:F0} MB fixed (plan and tail sets of {accounts:N0} accounts) and {perPath:N0} bytes per path against a budget of {MemoryBudgetBytes / 1e6:F0} MB"));

        var error = _memory.Allocate<int>(KernelErrors.Length);
        var normals = _memory.Allocate<double>((long)factors * chunk);
        var factorValues = _memory.Allocate<double>((long)factors * chunk);
        var expFactors = _memory.Allocate<double>((long)factors * chunk);
        var dv = _memory.Allocate<double>((long)instruments * chunk);
        var losses = _memory.Allocate<double>((long)accounts * chunk);
        sets.Allocate(_memory);
        double setupSeconds = clock.Elapsed.TotalSeconds, simulateSeconds = 0, tailSeconds = 0;
        try
        {
            for (int start = paths.First; start < paths.End; start += chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(chunk, paths.End - start);
                clock.Restart();
                _kernels.FactorPaths(Elementwise(count), view, count, ArrayView<int>.Empty, start, normals.View, factorValues.View, expFactors.View, chunk, error.View);
                if (instruments > 0) _kernels.Revalue(Elementwise((long)count * instruments), view, count, instruments, factorValues.View, expFactors.View, chunk, dv.View);
                _kernels.AccountLoss(Elementwise((long)count * accounts), view, count, accounts, dv.View, chunk, losses.View, chunk, start, error.View);
                _kernels.Histogram(Elementwise((long)count * accounts), count, accounts, losses.View, chunk, sets.Histograms.View);
                _accelerator.Synchronize();
                simulateSeconds += clock.Elapsed.TotalSeconds;
                CheckError(error);
                clock.Restart();
                int jobs = sets.WriteJobs(start, count);
                _kernels.TailSelect(PerGroup(jobs), jobs, sets.Jobs.View, sets.Keys.View, sets.Paths.View, sets.Counts.View,
                    losses.View, chunk, start, sets.OutKeys.View, sets.OutPaths.View, sets.OutCounts.View);
                _kernels.TailCopyBack(Elementwise((long)jobs * layout.Ranks), jobs, layout.Ranks, sets.Jobs.View, sets.OutKeys.View, sets.OutPaths.View, sets.OutCounts.View,
                    sets.Keys.View, sets.Paths.View, sets.Counts.View);
                _accelerator.Synchronize();
                tailSeconds += clock.Elapsed.TotalSeconds;
                progress?.Report(new ComputeProgress("simulate", start + count - paths.First, paths.Count));
            }
            clock.Restart();
            var partial = sets.ReadBack(paths);
            tailSeconds += clock.Elapsed.TotalSeconds;
            var stages = new List<KeyValuePair<string, double>>
            {
                new("device_setup", _setupSeconds + setupSeconds), new("simulate", simulateSeconds), new("tail", tailSeconds),
            };
            var info = new GpuRunInfo(_accel, _options.Precision.ToString().ToLowerInvariant(), _math, _memory.PeakBytes, MemoryBudgetBytes,
                chunk, (paths.Count + chunk - 1) / chunk, _setupSeconds);
            return new SimulationResult(partial, stages, (long)instruments * paths.Count, sets.HostBytes, info);
        }
        finally
        {
            sets.Free(_memory);
            _memory.Free(losses);
            _memory.Free(dv);
            _memory.Free(expFactors);
            _memory.Free(factorValues);
            _memory.Free(normals);
            _memory.Free(error);
        }
    }

    /// <inheritdoc/>
    public double[] Attribute(RevaluationPlan plan, IReadOnlyList<TailEstimate> tails, IProgress<ComputeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var view = Upload(plan);
        var components = new double[plan.PositionCount];
        int accounts = plan.AccountCount, factors = plan.FactorCount;
        if (accounts == 0) return components;
        int ranks = tails[0].TailPaths.Length;
        double tailSize = tails[0].TailSize;
        // Accounts per batch: lanes (accounts × ranks) for the factor blocks and (positions × ranks) losses within the budget.
        long budget = Math.Max(1L << 20, MemoryBudgetBytes - _memory.PeakBytes);
        long laneBytes = 8L * 3 * factors + 4, positionBytes = 8L * ranks + 8;
        int maxLanes = (int)Math.Min(int.MaxValue / Math.Max(1, factors), budget / 2 / laneBytes);
        var batches = new List<(int First, int Last)>();
        for (int first = 0; first < accounts;)
        {
            int last = first;
            long positions = 0;
            while (last < accounts)
            {
                long more = plan.AccountStart[last + 1] - plan.AccountStart[last];
                if (last > first && ((long)(last + 1 - first) * ranks > maxLanes || (positions + more) * positionBytes > budget / 2)) break;
                positions += more;
                last++;
            }
            batches.Add((first, last));
            first = last;
        }
        int lanesMax = batches.Max(b => (b.Last - b.First) * ranks);
        int positionsMax = batches.Max(b => plan.AccountStart[b.Last] - plan.AccountStart[b.First]);

        var error = _memory.Allocate<int>(KernelErrors.Length);
        var pathList = _memory.Allocate<int>(lanesMax);
        var normals = _memory.Allocate<double>((long)factors * lanesMax);
        var factorValues = _memory.Allocate<double>((long)factors * lanesMax);
        var expFactors = _memory.Allocate<double>((long)factors * lanesMax);
        var losses = _memory.Allocate<double>((long)positionsMax * ranks);
        var parts = _memory.Allocate<double>(positionsMax);
        try
        {
            var hostPaths = new int[lanesMax];
            int done = 0;
            foreach (var (first, last) in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int lanes = (last - first) * ranks;
                for (int a = first; a < last; a++) tails[a].TailPaths.CopyTo(hostPaths, (a - first) * ranks);
                pathList.View.AsContiguous().SubView(0, lanes).CopyFromCPU(hostPaths.AsSpan(0, lanes));
                int p0 = plan.AccountStart[first], count = plan.AccountStart[last] - p0;
                _kernels.FactorPaths(Elementwise(lanes), view, lanes, pathList.View.SubView(0, lanes), 0, normals.View, factorValues.View, expFactors.View, lanes, error.View);
                if (count > 0)
                {
                    _kernels.PositionLoss(Elementwise((long)count * ranks), view, count, first, p0, ranks, factorValues.View, expFactors.View, lanes, losses.View);
                    _kernels.ComponentEs(Elementwise(count), view, count, p0, ranks, tailSize, losses.View, parts.View);
                }
                _accelerator.Synchronize();
                CheckError(error);
                if (count > 0) parts.View.AsContiguous().SubView(0, count).CopyToCPU(components.AsSpan(p0, count));
                done += last - first;
                progress?.Report(new ComputeProgress("attribution", done, accounts));
            }
            return components;
        }
        finally
        {
            _memory.Free(parts);
            _memory.Free(losses);
            _memory.Free(expFactors);
            _memory.Free(factorValues);
            _memory.Free(normals);
            _memory.Free(pathList);
            _memory.Free(error);
        }
    }

    /// <summary>The grid of a grid-stride loop over <paramref name="elements"/>: on CUDA groups of 256 threads, up to 32
    /// groups per multiprocessor; on the CPU accelerator one group per multiprocessor (each group boundary is a thread
    /// barrier there).</summary>
    private KernelConfig Elementwise(long elements)
    {
        int group = _accelerator.AcceleratorType == AcceleratorType.Cuda ? Math.Min(256, _accelerator.MaxNumThreadsPerGroup) : _accelerator.MaxNumThreadsPerGroup;
        long wanted = (elements + group - 1) / group;
        long most = _accelerator.AcceleratorType == AcceleratorType.Cuda ? 32L * _accelerator.NumMultiprocessors : _accelerator.NumMultiprocessors;
        return new KernelConfig((int)Math.Clamp(wanted, 1, most), group);
    }

    /// <summary>The grid of the tail selection: one group per job, up to 16 groups per multiprocessor on CUDA and one
    /// per multiprocessor on the CPU accelerator; the groups loop over the jobs.</summary>
    private KernelConfig PerGroup(int jobs)
    {
        long most = _accelerator.AcceleratorType == AcceleratorType.Cuda ? 16L * _accelerator.NumMultiprocessors : _accelerator.NumMultiprocessors;
        return new KernelConfig((int)Math.Clamp(jobs, 1, most), _tailGroup);
    }

    private static void CheckError(MemoryBuffer1D<int, Stride1D.Dense> error)
    {
        var word = error.GetAsArray1D();
        switch (word[0])
        {
            case KernelErrors.None: return;
            case KernelErrors.NoChiSquare: throw ScenarioRandom.NoChiSquare(word[1], word[2]);
            case KernelErrors.NonFiniteLoss: throw new ArgumentException($"loss on path {word[1]} is not finite (account {word[2]})", "losses");
            default: throw new InvalidOperationException($"kernel error {word[0]} on path {word[1]}");
        }
    }

    /// <summary>Frees the device plan, the accelerator and the context.</summary>
    public void Dispose()
    {
        _plan?.Dispose();
        _accelerator.Dispose();
        _context.Dispose();
    }
}
