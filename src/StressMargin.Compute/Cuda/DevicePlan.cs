using StressMargin.Compute.Plan;

namespace StressMargin.Compute.Cuda;

/// <summary>
/// A <see cref="RevaluationPlan"/> copied to the device as it is (one buffer per array, the filtered history of
/// <see cref="RevaluationPlan.Fhs"/> included) and the <see cref="SmPlan"/> struct that points at those buffers.
/// Disposing frees the buffers.
/// </summary>
internal sealed class DevicePlan : IDisposable
{
    private readonly List<DeviceBuffer> _buffers = [];

    /// <summary>Uploads the plan.</summary>
    /// <param name="runtime">The device.</param>
    /// <param name="plan">The plan (its distribution and vol dynamics must be supported: <see cref="CudaKernelSupport"/>).</param>
    public DevicePlan(KernelRuntime runtime, RevaluationPlan plan)
    {
        try
        {
            var fhs = plan.Fhs;
            Args = new SmPlan
            {
                FactorVolPerStep = Put(runtime, plan.FactorVolPerStep),
                FactorDrift = Put(runtime, plan.FactorDrift),
                Loading = Put(runtime, plan.Loading),
                Forward0 = Put(runtime, plan.Forward0),
                Strike = Put(runtime, plan.Strike),
                Value0 = Put(runtime, plan.Value0),
                LogFk = Put(runtime, plan.LogForwardOverStrike),
                SqrtTau1 = Put(runtime, plan.SqrtTau1),
                Discount1 = Put(runtime, plan.Discount1),
                StdDev0 = Put(runtime, plan.StdDev0),
                ExpiryYears = Put(runtime, plan.ExpiryYears),
                SmileWeight = Put(runtime, plan.SmileWeight),
                Underlying = Put(runtime, plan.Underlying),
                SmileLo = Put(runtime, plan.SmileLo),
                SmileHi = Put(runtime, plan.SmileHi),
                Kind = Put(runtime, plan.Kind.Select(k => (byte)k).ToArray()),
                IsCall = Put(runtime, plan.IsCall),
                SmileOffset = Put(runtime, plan.SmileOffset),
                SmileK = Put(runtime, plan.SmileLogMoneyness),
                SmileW = Put(runtime, plan.SmileTotalVariance),
                SmileT = Put(runtime, plan.SmileExpiryYears),
                AccountStart = Put(runtime, plan.AccountStart),
                PositionInstrument = Put(runtime, plan.PositionInstrument),
                PositionWeight = Put(runtime, plan.PositionWeight),
                FhsResiduals = fhs is null ? 0 : Put(runtime, fhs.Residuals),
                FhsHistoricalFactor = fhs is null ? 0 : Put(runtime, fhs.HistoricalFactor),
                FhsGaussianFactor = fhs is null ? 0 : Put(runtime, fhs.GaussianFactor),
                FhsRegression = fhs is null ? 0 : Put(runtime, fhs.Regression),
                FhsConditional = fhs is null ? 0 : Put(runtime, fhs.ConditionalLoading),
                Seed = plan.Seed,
                DegreesOfFreedom = plan.Distribution.DegreesOfFreedom,
                FactorCount = plan.FactorCount,
                Steps = plan.Steps,
                Distribution = CudaKernelSupport.DistributionCode(plan.Distribution.Kind) ?? throw new ArgumentException("unsupported distribution", nameof(plan)),
                VolDynamics = CudaKernelSupport.VolDynamicsCode(plan.VolDynamics) ?? throw new ArgumentException("unsupported vol dynamics", nameof(plan)),
                FhsDateCount = fhs?.DateCount ?? 0,
                FhsDays = fhs?.Days ?? 0,
                FhsHistoricalCount = fhs?.HistoricalCount ?? 0,
                FhsGaussianCount = fhs?.GaussianFactor.Length ?? 0,
                FhsConsecutive = fhs is { Consecutive: true } ? 1 : 0,
            };
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The plan as the kernels see it.</summary>
    public SmPlan Args { get; }

    /// <summary>Device bytes the plan occupies.</summary>
    public long Bytes => _buffers.Sum(b => b.Bytes);

    /// <summary>Device bytes a plan will occupy (for memory planning before uploading).</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>Bytes, counting each array as at least 8; with filtered historical simulation the residual matrix
    /// (8·N·H bytes, usually the largest array of the plan), the factor lists, B and C.</returns>
    public static long BytesFor(RevaluationPlan plan)
    {
        static long D(int n) => Math.Max(8, 8L * n);
        static long I(int n) => Math.Max(8, 4L * n);
        static long B(int n) => Math.Max(8, n);
        int i = plan.InstrumentCount;
        long bytes = 2 * D(plan.FactorCount) + D(plan.Loading.Length) + 9 * D(i) + 3 * I(i) + 2 * B(i)
            + I(plan.SmileOffset.Length) + 2 * D(plan.SmileLogMoneyness.Length) + D(plan.SmileExpiryYears.Length)
            + I(plan.AccountStart.Length) + I(plan.PositionInstrument.Length) + D(plan.PositionWeight.Length);
        if (plan.Fhs is { } fhs)
            bytes += D(fhs.Residuals.Length) + I(fhs.HistoricalFactor.Length) + I(fhs.GaussianFactor.Length)
                + D(fhs.Regression.Length) + D(fhs.ConditionalLoading.Length);
        return bytes;
    }

    private ulong Put<T>(KernelRuntime runtime, T[] data) where T : unmanaged
    {
        var buffer = runtime.Upload<T>(data);
        _buffers.Add(buffer);
        return buffer.Address;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var b in _buffers) b.Dispose();
        _buffers.Clear();
    }
}
