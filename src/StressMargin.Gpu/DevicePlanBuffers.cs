using ILGPU;
using ILGPU.Runtime;
using StressMargin.Compute.Plan;
using StressMargin.Core.MarketData;
using StressMargin.Core.RiskModel;
using StressMargin.Kernels;

namespace StressMargin.Gpu;

/// <summary>A <see cref="RevaluationPlan"/> uploaded to the device: one buffer per plan array and the
/// <see cref="DevicePlan"/> of views over them that every kernel takes by value.</summary>
internal sealed class DevicePlanBuffers : IDisposable
{
    private readonly DeviceMemory _memory;
    private readonly List<Action> _free = [];

    /// <summary>Uploads the plan.</summary>
    /// <param name="memory">Device allocator.</param>
    /// <param name="plan">The plan.</param>
    public DevicePlanBuffers(DeviceMemory memory, RevaluationPlan plan)
    {
        _memory = memory;
        Source = plan;
        var fhs = plan.Fhs;
        var host = plan.HostFactorModel();
        var positionAccount = new int[plan.PositionCount];
        for (int a = 0; a < plan.AccountCount; a++)
            for (int p = plan.AccountStart[a]; p < plan.AccountStart[a + 1]; p++) positionAccount[p] = a;
        View = new DevicePlan
        {
            Factors = new FactorModelArrays<DeviceArray<double>, DeviceArray<int>>
            {
                Seed = host.Seed,
                FactorCount = host.FactorCount,
                Steps = host.Steps,
                Law = host.Law,
                DegreesOfFreedom = host.DegreesOfFreedom,
                VolPerStep = Upload(plan.FactorVolPerStep),
                Drift = Upload(plan.FactorDrift),
                Loading = Upload(plan.Loading),
                Residuals = Upload(fhs?.Residuals ?? []),
                HistoricalFactor = Upload(fhs?.HistoricalFactor ?? []),
                GaussianFactor = Upload(fhs?.GaussianFactor ?? []),
                Regression = Upload(fhs?.Regression ?? []),
                ConditionalLoading = Upload(fhs?.ConditionalLoading ?? []),
                HistoricalCount = host.HistoricalCount,
                GaussianCount = host.GaussianCount,
                Days = host.Days,
                Candidates = host.Candidates,
                Consecutive = host.Consecutive,
                InvSqrtDays = host.InvSqrtDays,
            },
            Smiles = new SmileArrays<DeviceArray<double>, DeviceArray<int>>
            {
                Offset = Upload(plan.SmileOffset),
                LogMoneyness = Upload(plan.SmileLogMoneyness),
                TotalVariance = Upload(plan.SmileTotalVariance),
                ExpiryYears = Upload(plan.SmileExpiryYears),
            },
            StickyMoneyness = plan.VolDynamics == VolDynamics.StickyMoneyness ? 1 : 0,
            Kind = Upload(plan.Kind.Select(k => (int)k).ToArray()),
            Underlying = Upload(plan.Underlying),
            Forward0 = Upload(plan.Forward0),
            BasisFactor = Upload(plan.BasisFactor),
            FundingPayment = Upload(plan.FundingPayment),
            Strike = Upload(plan.Strike),
            Value0 = Upload(plan.Value0),
            LogForwardOverStrike = Upload(plan.LogForwardOverStrike),
            SqrtTau1 = Upload(plan.SqrtTau1),
            Discount1 = Upload(plan.Discount1),
            IsCall = Upload(plan.IsCall.Select(c => (int)c).ToArray()),
            StdDev0 = Upload(plan.StdDev0),
            ExpiryYears = Upload(plan.ExpiryYears),
            SmileLo = Upload(plan.SmileLo),
            SmileHi = Upload(plan.SmileHi),
            SmileWeight = Upload(plan.SmileWeight),
            AccountStart = Upload(plan.AccountStart),
            PositionInstrument = Upload(plan.PositionInstrument),
            PositionAccount = Upload(positionAccount),
            PositionWeight = Upload(plan.PositionWeight),
        };
    }

    /// <summary>The plan uploaded.</summary>
    public RevaluationPlan Source { get; }

    /// <summary>The kernels' view of the plan.</summary>
    public DevicePlan View { get; }

    private DeviceArray<T> Upload<T>(T[] values) where T : unmanaged
    {
        var buffer = _memory.Upload(values);
        _free.Add(() => _memory.Free(buffer));
        return new DeviceArray<T>(buffer.View);
    }

    /// <summary>Frees every buffer.</summary>
    public void Dispose()
    {
        foreach (var free in _free) free();
        _free.Clear();
    }
}
