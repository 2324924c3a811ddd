using StressMargin.Core.MarketData;
using StressMargin.Core.Numerics;
using StressMargin.Core.RiskModel;

namespace StressMargin.Compute.Plan;

/// <summary>
/// Everything a backend needs to simulate, revalue and reduce, flattened into structure-of-arrays form that
/// copies to a GPU as is. Built once per run by <see cref="RevaluationPlanBuilder"/>; immutable by convention.
/// <para>Index spaces: factors f ∈ [0, F) with f = 2u (spot) and 2u + 1 (vol) of underlying u, then the basis factors
/// f = 2U + k (F = 2U + K); instruments
/// i ∈ [0, I) are the distinct risky instruments held; smiles s ∈ [0, S) are every expiry slice of every surface;
/// accounts a ∈ [0, A); positions p ∈ [0, P) grouped by account (CSR).</para>
/// </summary>
public sealed class RevaluationPlan
{
    // ---- simulation -------------------------------------------------------------------------------------
    /// <summary>Number of Monte Carlo paths n.</summary>
    public required int PathCount { get; init; }
    /// <summary>Philox key.</summary>
    public required ulong Seed { get; init; }
    /// <summary>Sub-steps per path S.</summary>
    public required int Steps { get; init; }
    /// <summary>Horizon h in years.</summary>
    public required double HorizonYears { get; init; }
    /// <summary>Law of the shocks.</summary>
    public required ReturnDistribution Distribution { get; init; }
    /// <summary>Sticky strike or sticky moneyness.</summary>
    public required VolDynamics VolDynamics { get; init; }
    /// <summary>α for ES.</summary>
    public required double EsConfidence { get; init; }
    /// <summary>α for VaR.</summary>
    public required double VarConfidence { get; init; }

    // ---- factors ----------------------------------------------------------------------------------------
    /// <summary>Underlyings in factor order, length U.</summary>
    public required string[] Underlyings { get; init; }
    /// <summary>Per factor, the shock scale per step σ_f·√(h/S), length F.</summary>
    public required double[] FactorVolPerStep { get; init; }
    /// <summary>Per factor, the drift over the horizon −½σ_f²h, length F.</summary>
    public required double[] FactorDrift { get; init; }
    /// <summary>Loading A with A·Aᵀ = R, <c>[factor, factor]</c> row-major, length F².</summary>
    public required double[] Loading { get; init; }

    /// <summary>Number of factors F = 2U + K.</summary>
    public int FactorCount => FactorDrift.Length;
    /// <summary>The filtered history when <see cref="Distribution"/> is filtered historical simulation; else null.</summary>
    public FhsPlan? Fhs { get; init; }

    // ---- instruments (length I each) ---------------------------------------------------------------------
    /// <summary>Instrument ids.</summary>
    public required string[] InstrumentIds { get; init; }
    /// <summary>Revaluation kind.</summary>
    public required RevaluationKind[] Kind { get; init; }
    /// <summary>Underlying index u.</summary>
    public required int[] Underlying { get; init; }
    /// <summary>P0: S0 for spot and perpetuals, F0(T) for futures and options (USD).</summary>
    public required double[] Forward0 { get; init; }
    /// <summary>Basis factor 2U + k that moves a dated future's forward (F1 = F0·e^(x + β_k)), or −1 (spot, perpetuals,
    /// options, and futures of an underlying without basis factors: they move with spot only).</summary>
    public required int[] BasisFactor { get; init; }
    /// <summary>Funding a perpetual pays per unit held long over the horizon, rate_8h·S0·(h·365·24/8) (USD;
    /// <see cref="Core.Instruments.PerpetualFunding"/>): ΔV = P0·(e^x − 1) − this on every path. 0 for every other
    /// instrument and for perpetuals of an underlying without a funding rate.</summary>
    public required double[] FundingPayment { get; init; }
    /// <summary>Strike K (USD); 0 for linear instruments.</summary>
    public required double[] Strike { get; init; }
    /// <summary>V0 per unit at t0 (USD); 0 for futures and perpetuals.</summary>
    public required double[] Value0 { get; init; }
    /// <summary>ln(F0(T)/K) for options; 0 otherwise.</summary>
    public required double[] LogForwardOverStrike { get; init; }
    /// <summary>√(T − h) for options alive at the horizon; 0 otherwise.</summary>
    public required double[] SqrtTau1 { get; init; }
    /// <summary>DF1 = e^(−r(T − h)) for options alive at the horizon; 1 otherwise.</summary>
    public required double[] Discount1 { get; init; }
    /// <summary>1 for calls, 0 for puts and linear instruments.</summary>
    public required byte[] IsCall { get; init; }
    /// <summary>σ0(K, T)·√(T − h): the sticky-strike standard deviation before the vol shock e^y.</summary>
    public required double[] StdDev0 { get; init; }
    /// <summary>T in years from t0 (options); used by the sticky-moneyness lookup.</summary>
    public required double[] ExpiryYears { get; init; }
    /// <summary>Lower bracketing smile index for T (options), else −1.</summary>
    public required int[] SmileLo { get; init; }
    /// <summary>Upper bracketing smile index for T (options), else −1; equal to <see cref="SmileLo"/> outside the listed expiries.</summary>
    public required int[] SmileHi { get; init; }
    /// <summary>Weight a of the upper smile: w = w_lo + a·(w_hi − w_lo).</summary>
    public required double[] SmileWeight { get; init; }

    /// <summary>Number of instruments I.</summary>
    public int InstrumentCount => Kind.Length;

    // ---- smiles (flattened) -----------------------------------------------------------------------------
    /// <summary>Node range of smile s: [SmileOffset[s], SmileOffset[s + 1]), length S + 1.</summary>
    public required int[] SmileOffset { get; init; }
    /// <summary>Node log-moneyness k, all smiles concatenated.</summary>
    public required double[] SmileLogMoneyness { get; init; }
    /// <summary>Node total variance w = σ²T, all smiles concatenated.</summary>
    public required double[] SmileTotalVariance { get; init; }
    /// <summary>Expiry of smile s in years, length S.</summary>
    public required double[] SmileExpiryYears { get; init; }

    // ---- accounts and positions (CSR) -------------------------------------------------------------------
    /// <summary>Account ids, length A.</summary>
    public required string[] AccountIds { get; init; }
    /// <summary>Positions of account a: [AccountStart[a], AccountStart[a + 1]), length A + 1.</summary>
    public required int[] AccountStart { get; init; }
    /// <summary>Instrument index of position p, or −1 for cash (no risk), length P.</summary>
    public required int[] PositionInstrument { get; init; }
    /// <summary>quantity × multiplier of position p, length P.</summary>
    public required double[] PositionWeight { get; init; }

    /// <summary>Number of accounts A.</summary>
    public int AccountCount => AccountIds.Length;
    /// <summary>Number of positions P.</summary>
    public int PositionCount => PositionWeight.Length;

    /// <summary>The factor model's arrays for <see cref="FactorPathMath"/> over this plan's .NET arrays (no copy).</summary>
    /// <returns>The view the CPU backend generates factor paths from.</returns>
    public FactorModelArrays<HostArray<double>, HostArray<int>> HostFactorModel()
    {
        var fhs = Fhs;
        return new FactorModelArrays<HostArray<double>, HostArray<int>>
        {
            Seed = Seed,
            FactorCount = FactorCount,
            Steps = Steps,
            Law = (int)Distribution.Kind,
            DegreesOfFreedom = Distribution.DegreesOfFreedom,
            VolPerStep = new(FactorVolPerStep),
            Drift = new(FactorDrift),
            Loading = new(Loading),
            Residuals = new(fhs?.Residuals ?? []),
            HistoricalFactor = new(fhs?.HistoricalFactor ?? []),
            GaussianFactor = new(fhs?.GaussianFactor ?? []),
            Regression = new(fhs?.Regression ?? []),
            ConditionalLoading = new(fhs?.ConditionalLoading ?? []),
            HistoricalCount = fhs?.HistoricalCount ?? 0,
            GaussianCount = fhs?.GaussianFactor.Length ?? 0,
            Days = fhs?.Days ?? 1,
            Candidates = fhs?.Candidates ?? 1,
            Consecutive = fhs is { Consecutive: true } ? 1 : 0,
            InvSqrtDays = fhs is null ? 1.0 : 1.0 / Math.Sqrt(fhs.Days),
        };
    }

    /// <summary>The smile arrays over this plan's .NET arrays (no copy), for the sticky-moneyness lookup.</summary>
    /// <returns>The view.</returns>
    public SmileArrays<HostArray<double>, HostArray<int>> HostSmiles() => new()
    {
        Offset = new(SmileOffset),
        LogMoneyness = new(SmileLogMoneyness),
        TotalVariance = new(SmileTotalVariance),
        ExpiryYears = new(SmileExpiryYears),
    };

    /// <summary>Distinct instrument indices held by accounts [<paramref name="firstAccount"/>, <paramref name="lastAccount"/>), ascending; cash positions are left out.</summary>
    /// <param name="firstAccount">First account, inclusive.</param>
    /// <param name="lastAccount">Last account, exclusive.</param>
    /// <returns>The instrument indices, ascending and without repeats.</returns>
    public int[] InstrumentsHeldBy(int firstAccount, int lastAccount)
    {
        var held = new SortedSet<int>();
        for (int p = AccountStart[firstAccount]; p < AccountStart[lastAccount]; p++)
            if (PositionInstrument[p] >= 0) held.Add(PositionInstrument[p]);
        return held.ToArray();
    }
}
