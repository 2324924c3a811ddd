using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using StressMargin.Compute.Plan;
using StressMargin.Core.MarketData;
using StressMargin.Core.Numerics;
using StressMargin.Core.RiskModel;

namespace StressMargin.Compute.Cpu;

/// <summary>
/// One thread's working set for a block of up to <see cref="Capacity"/> paths: factor values, e^x and e^y per
/// underlying, e^β per basis factor, and the revaluation matrix ΔV laid out <c>[instrument, lane]</c>. The lane count of a block is
/// padded to a multiple of four (padding lanes carry zero shocks and are never read back), so every lane is
/// priced by the same vector code and a path's result does not depend on which block or thread computed it.
/// </summary>
internal sealed class BlockWorkspace
{
    private readonly RevaluationPlan _plan;
    private readonly FactorModelArrays<HostArray<double>, HostArray<int>> _factorModel;
    private readonly SmileArrays<HostArray<double>, HostArray<int>> _smiles;

    /// <summary>Allocates the working set.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="capacity">Maximum paths per block, a positive multiple of 4.</param>
    public BlockWorkspace(RevaluationPlan plan, int capacity)
    {
        _plan = plan;
        _factorModel = plan.HostFactorModel();
        _smiles = plan.HostSmiles();
        Capacity = capacity;
        Factors = new double[plan.FactorCount * capacity];
        Normals = new double[plan.FactorCount * capacity];
        ExpSpot = new double[plan.Underlyings.Length * capacity];
        ExpVol = new double[plan.Underlyings.Length * capacity];
        ExpBasis = new double[(plan.FactorCount - 2 * plan.Underlyings.Length) * capacity];
        DeltaValue = new double[plan.InstrumentCount * capacity];
        StdDev = new double[capacity];
        Sum = new double[capacity];
    }

    /// <summary>Lanes per row.</summary>
    public int Capacity { get; }
    /// <summary>Lanes in use, padded to a multiple of four.</summary>
    public int Lanes { get; private set; }
    /// <summary>Factor values <c>[factor, lane]</c>.</summary>
    public double[] Factors { get; }
    /// <summary>Scratch: the normals of the step being generated <c>[factor, lane]</c>.</summary>
    public double[] Normals { get; }
    /// <summary>e^x per underlying <c>[underlying, lane]</c>.</summary>
    public double[] ExpSpot { get; }
    /// <summary>e^y per underlying <c>[underlying, lane]</c>.</summary>
    public double[] ExpVol { get; }
    /// <summary>e^β per basis factor k (factor 2U + k) <c>[k, lane]</c>.</summary>
    public double[] ExpBasis { get; }
    /// <summary>ΔV = V1 − V0 per unit <c>[instrument, lane]</c>.</summary>
    public double[] DeltaValue { get; }
    /// <summary>Scratch: per-lane standard deviation σ1√τ1.</summary>
    public double[] StdDev { get; }
    /// <summary>Scratch: per-lane sums.</summary>
    public double[] Sum { get; }

    /// <summary>Simulates the factors of the given paths into lanes 0..count−1 (<see cref="FactorPathMath"/>) and derives e^x, e^y and e^β.</summary>
    /// <param name="paths">Path index of each lane; at most <see cref="Capacity"/>.</param>
    /// <exception cref="InvalidOperationException">A Student t chi-square found no acceptance (probability below 1e-300).</exception>
    public void LoadPaths(ReadOnlySpan<long> paths)
    {
        int count = paths.Length;
        Lanes = (count + 3) & ~3;
        var factors = Factors.AsSpan();
        var output = new HostArray<double>(Factors);
        var normals = new HostArray<double>(Normals);
        for (int lane = 0; lane < count; lane++)
        {
            int failedStep = FactorPathMath.Generate<SystemMath, HostArray<double>, HostArray<int>>(_factorModel, paths[lane], normals, output, Capacity, lane);
            if (failedStep >= 0) throw ScenarioRandom.NoChiSquare(paths[lane], failedStep);
        }
        for (int f = 0; f < _plan.FactorCount; f++) factors.Slice(f * Capacity + count, Lanes - count).Clear();
        for (int u = 0; u < _plan.Underlyings.Length; u++)
        {
            ExpLanes(factors.Slice(2 * u * Capacity, Lanes), ExpSpot.AsSpan(u * Capacity, Lanes));
            ExpLanes(factors.Slice((2 * u + 1) * Capacity, Lanes), ExpVol.AsSpan(u * Capacity, Lanes));
        }
        int firstBasis = 2 * _plan.Underlyings.Length;
        for (int k = 0; firstBasis + k < _plan.FactorCount; k++)
            ExpLanes(factors.Slice((firstBasis + k) * Capacity, Lanes), ExpBasis.AsSpan(k * Capacity, Lanes));
    }

    /// <summary>Revalues instrument i on the loaded lanes into its row of <see cref="DeltaValue"/>.</summary>
    /// <param name="i">Instrument index.</param>
    public void Revalue(int i)
    {
        var p = _plan;
        int u = p.Underlying[i];
        int lanes = Lanes;
        var x = Factors.AsSpan(2 * u * Capacity, lanes);
        var ex = ExpSpot.AsSpan(u * Capacity, lanes);
        var ey = ExpVol.AsSpan(u * Capacity, lanes);
        var dv = DeltaValue.AsSpan(i * Capacity, lanes);
        var f0 = Vector256.Create(p.Forward0[i]);
        var v0 = Vector256.Create(p.Value0[i]);
        var one = Vector256.Create(1.0);
        var funding = Vector256.Create(p.FundingPayment[i]);
        switch (p.Kind[i])
        {
            case RevaluationKind.Linear when p.BasisFactor[i] < 0:
                for (int l = 0; l < lanes; l += 4)
                    (f0 * (Vector256.Create(ex[l..]) - one) - funding).CopyTo(dv[l..]);
                break;
            case RevaluationKind.Linear:
            {
                // F1 = F0·e^x·e^β, less the funding: InstrumentRevaluation.Linear, four lanes at a time.
                var eb = ExpBasis.AsSpan((p.BasisFactor[i] - 2 * p.Underlyings.Length) * Capacity, lanes);
                for (int l = 0; l < lanes; l += 4)
                    (f0 * (Vector256.Create(ex[l..]) * Vector256.Create(eb[l..]) - one) - funding).CopyTo(dv[l..]);
                break;
            }
            case RevaluationKind.ExpiringOption:
            {
                var k = Vector256.Create(p.Strike[i]);
                bool call = p.IsCall[i] != 0;
                for (int l = 0; l < lanes; l += 4)
                {
                    var f1 = f0 * Vector256.Create(ex[l..]);
                    var payoff = Vector256.Max(call ? f1 - k : k - f1, Vector256<double>.Zero);
                    (payoff - v0).CopyTo(dv[l..]);
                }
                break;
            }
            case RevaluationKind.Option:
            {
                var sd = StdDev.AsSpan(0, lanes);
                if (p.VolDynamics == VolDynamics.StickyStrike)
                {
                    var sd0 = Vector256.Create(p.StdDev0[i]);
                    for (int l = 0; l < lanes; l += 4) (sd0 * Vector256.Create(ey[l..])).CopyTo(sd[l..]);
                }
                else
                {
                    StickyMoneynessStdDev(i, x, ey, sd);
                }
                var k = Vector256.Create(p.Strike[i]);
                var lnFK = Vector256.Create(p.LogForwardOverStrike[i]);
                var df = Vector256.Create(p.Discount1[i]);
                bool call = p.IsCall[i] != 0;
                for (int l = 0; l < lanes; l += 4)
                {
                    var xv = Vector256.Create(x[l..]);
                    var f1 = f0 * Vector256.Create(ex[l..]);
                    var price = VectorBlack76.Price(call, f1, k, lnFK + xv, Vector256.Create(sd[l..]), df);
                    (price - v0).CopyTo(dv[l..]);
                }
                break;
            }
        }
    }

    /// <summary>
    /// Sticky moneyness: σ1 = σ0(k1, T)·e^y with k1 = ln(K/F1) = −(ln(F0/K) + x), looked up on the bracketing
    /// smiles with the surface's rules (flat vol outside the listed expiries); s = (σ0(k1, T)·√τ1)·e^y.
    /// </summary>
    private void StickyMoneynessStdDev(int i, ReadOnlySpan<double> x, ReadOnlySpan<double> ey, Span<double> sd)
    {
        var p = _plan;
        int lo = p.SmileLo[i], hi = p.SmileHi[i];
        double a = p.SmileWeight[i], t = p.ExpiryYears[i], sqrtTau1 = p.SqrtTau1[i], lnFK = p.LogForwardOverStrike[i];
        for (int l = 0; l < sd.Length; l++)
            sd[l] = _smiles.Vol(lo, hi, a, t, -(lnFK + x[l])) * sqrtTau1 * ey[l];
    }

    /// <summary>
    /// Loss of account a on the loaded lanes, −Σ_p w_p·ΔV[i_p] summed in position order, written to
    /// <paramref name="destination"/> (its first min(lanes, length) entries).
    /// </summary>
    /// <param name="account">Account index.</param>
    /// <param name="destination">Where to write the losses, e.g. a slice of the loss matrix row.</param>
    public void AccountLoss(int account, Span<double> destination)
    {
        var sum = Sum.AsSpan(0, Lanes);
        sum.Clear();
        ref double s0 = ref MemoryMarshal.GetReference(sum);
        for (int p = _plan.AccountStart[account]; p < _plan.AccountStart[account + 1]; p++)
        {
            int i = _plan.PositionInstrument[p];
            if (i < 0) continue;
            var w = Vector256.Create(_plan.PositionWeight[p]);
            ref double d0 = ref MemoryMarshal.GetReference(DeltaValue.AsSpan(i * Capacity, Lanes));
            for (nuint l = 0; l < (nuint)Lanes; l += 4)
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref s0, l) - w * Vector256.LoadUnsafe(ref d0, l), ref s0, l);
        }
        sum[..Math.Min(Lanes, destination.Length)].CopyTo(destination);
    }

    private static void ExpLanes(ReadOnlySpan<double> source, Span<double> destination)
    {
        ref double s0 = ref MemoryMarshal.GetReference(source);
        ref double d0 = ref MemoryMarshal.GetReference(destination);
        for (nuint l = 0; l < (nuint)source.Length; l += 4)
            Vector256.StoreUnsafe(Vector256.Exp(Vector256.LoadUnsafe(ref s0, l)), ref d0, l);
    }
}
