using System.Globalization;
using MathNet.Numerics.Distributions;
using StressMargin.Compute;
using StressMargin.Compute.Cpu;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Engine;

/// <summary>
/// The simulated basis factors (docs/model.md §3.3): appended after the spot and vol factors, they leave every existing
/// draw bit-identical; a dated future moves F0·e^(x + β_k) with the bucket of its days to expiry; and a pure basis
/// position's ES matches the lognormal closed form.
/// </summary>
public class BasisFactorTests
{
    private const string Basis = "basis: { buckets: [30, 90, 365], vols: [0.4, 0.3, 0.2] }";

    internal static string SampleWithBasis(string correlationExtra = "") => $$"""
        risk_factors:
          BTC: { spot_vol: atm, vol_of_vol: 1.0, {{Basis}} }
          ETH: { spot_vol: 0.75, vol_of_vol: 1.2, basis: { buckets: [60], vols: [0.5] } }
        correlation:
          factors: [BTC.spot, ETH.spot, BTC.vol, ETH.vol, BTC.basis30, BTC.basis90, BTC.basis365, ETH.basis60]
          matrix: [[1, 0.9, -0.3, -0.25, -0.2, -0.1, 0, -0.1], [0.9, 1, -0.25, -0.3, -0.15, 0, 0, -0.2], [-0.3, -0.25, 1, 0.8, 0, 0, 0, 0], [-0.25, -0.3, 0.8, 1, 0, 0, 0, 0],
                   [-0.2, -0.15, 0, 0, 1, 0.6, 0.4, 0.2], [-0.1, 0, 0, 0, 0.6, 1, 0.7, 0], [0, 0, 0, 0, 0.4, 0.7, 1, 0], [-0.1, -0.2, 0, 0, 0.2, 0, 0, 1]]
        {{correlationExtra}}
        """;

    internal const string FuturesBook = """
        account_id,instrument_id,quantity
        A,BTC-PERPETUAL,10
        A,BTC-27FEB26,-10
        B,BTC-13FEB26,3
        B,BTC-27MAR26,-2
        B,BTC-25DEC26,1
        C,ETH-PERPETUAL,-40
        C,ETH-26JUN26,40
        C,ETH-6FEB26,5
        D,BTC-27MAR26-60000-P,-1
        D,ETH-PERPETUAL,2
        D,BTC,1
        """;

    [Fact]
    public void BasisFactorsLeaveEveryExistingDrawAndNonFutureLossBitIdentical()
    {
        using var plainDir = new TempDir();
        using var basisDir = new TempDir();
        var plain = ScenarioLoader.Load(EngineScenarios.OnSampleMarket(plainDir, FuturesBook, 3000));
        var withBasis = ScenarioLoader.Load(EngineScenarios.OnSampleMarket(basisDir, FuturesBook, 3000, riskFactors: SampleWithBasis()));
        Assert.Equal(4, plain.Plan.FactorCount);
        Assert.Equal(8, withBasis.Plan.FactorCount);
        Assert.All(plain.Plan.BasisFactor, b => Assert.Equal(-1, b));

        var a = new BlockWorkspace(plain.Plan, 64);
        var b = new BlockWorkspace(withBasis.Plan, 64);
        var paths = Enumerable.Range(0, 64).Select(i => (long)(i * 31 + 7)).ToArray();
        a.LoadPaths(paths);
        b.LoadPaths(paths);
        for (int f = 0; f < 4; f++)
            for (int lane = 0; lane < paths.Length; lane++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(a.Factors[f * 64 + lane]), BitConverter.DoubleToInt64Bits(b.Factors[f * 64 + lane]));

        // Account D holds no dated future: its losses, VaR and ES are unchanged bit for bit.
        var riskPlain = ((IComputeBackend)new CpuBackend()).Run(plain.Plan);
        var riskBasis = ((IComputeBackend)new CpuBackend()).Run(withBasis.Plan);
        int d = Array.IndexOf(plain.Plan.AccountIds, "D");
        Assert.Equal(riskPlain.Accounts[d].ExpectedShortfall, riskBasis.Accounts[d].ExpectedShortfall);
        Assert.Equal(riskPlain.Accounts[d].ValueAtRisk, riskBasis.Accounts[d].ValueAtRisk);
        // Account A (perpetual against a dated future) was nearly riskless and is not any more.
        int acc = Array.IndexOf(plain.Plan.AccountIds, "A");
        Assert.True(riskBasis.Accounts[acc].ExpectedShortfall > 5 * riskPlain.Accounts[acc].ExpectedShortfall,
            $"basis trade ES {riskBasis.Accounts[acc].ExpectedShortfall} vs {riskPlain.Accounts[acc].ExpectedShortfall} without basis");
    }

    [Fact]
    public void FuturesMoveWithSpotTimesTheirBucketsBasisFactor()
    {
        using var dir = new TempDir();
        var input = ScenarioLoader.Load(EngineScenarios.OnSampleMarket(dir, FuturesBook, 1000, riskFactors: SampleWithBasis()));
        var plan = input.Plan;
        int Factor(string id) => plan.BasisFactor[Array.IndexOf(plan.InstrumentIds, id)];
        // 2U = 4: BTC.basis30 = 4, BTC.basis90 = 5, BTC.basis365 = 6, ETH.basis60 = 7 (as_of 2026-02-05).
        Assert.Equal(4, Factor("BTC-13FEB26"));   // 7.9 days
        Assert.Equal(4, Factor("BTC-27FEB26"));   // 21.9 days
        Assert.Equal(5, Factor("BTC-27MAR26"));   // 49.9 days
        Assert.Equal(6, Factor("BTC-25DEC26"));   // 322.9 days
        Assert.Equal(7, Factor("ETH-6FEB26"));
        Assert.Equal(7, Factor("ETH-26JUN26"));   // beyond the last bound: the last bucket
        Assert.Equal(-1, Factor("BTC-PERPETUAL"));
        Assert.Equal(-1, Factor("BTC-27MAR26-60000-P"));

        var ws = new BlockWorkspace(plan, 32);
        var paths = Enumerable.Range(0, 32).Select(i => (long)(i * 13 + 1)).ToArray();
        ws.LoadPaths(paths);
        for (int i = 0; i < plan.InstrumentCount; i++) ws.Revalue(i);
        for (int i = 0; i < plan.InstrumentCount; i++)
        {
            int bf = plan.BasisFactor[i];
            if (bf < 0) continue;
            int u = plan.Underlying[i];
            for (int lane = 0; lane < paths.Length; lane++)
            {
                double x = ws.Factors[2 * u * 32 + lane], beta = ws.Factors[bf * 32 + lane];
                double expected = plan.Forward0[i] * (Math.Exp(x + beta) - 1.0);
                Assert.True(Math.Abs(ws.DeltaValue[i * 32 + lane] - expected) <= 1e-12 * plan.Forward0[i], $"{plan.InstrumentIds[i]} lane {lane}");
            }
        }
    }

    /// <summary>
    /// A long (q &gt; 0) or short future alone with ln(F1/F0) = x + β = Y ~ N(m, v) (normal law, one step): the loss
    /// −q·F0·(e^Y − 1) is a shifted lognormal, so with z = Φ⁻¹(α) and E[e^Y; Y ≤ m − z√v] = e^(m+v/2)·Φ(−z − √v):
    /// long ES = q·F0·(1 − e^(m+v/2)·Φ(−z − √v)/(1 − α)), short ES = |q|·F0·(e^(m+v/2)·Φ(√v − z)/(1 − α) − 1), and
    /// VaR = q·F0·(1 − e^(m − z√v)) or |q|·F0·(e^(m + z√v) − 1). Here m = −½(s_x² + s_β²), v = s_x² + s_β² + 2ρ·s_x·s_β.
    /// With spot vol 0 it is a pure basis move; with spot vol and ρ it checks the loading of the correlation.
    /// Tolerance: 4 reported ES standard errors (VaR: 6 of them), no other slack (the closed form is exact).
    /// </summary>
    [Theory]
    [InlineData(100.0, 0.0, 2.0, 0.0)]
    [InlineData(-100.0, 0.0, 2.0, 0.0)]
    [InlineData(100.0, 0.8, 1.5, -0.5)]
    [InlineData(-100.0, 0.8, 1.5, 0.6)]
    public void PureBasisFutureEsMatchesTheLognormalClosedForm(double quantity, double spotVol, double basisVol, double rho)
    {
        using var dir = new TempDir();
        string I(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        dir.Write("instruments.csv", "instrument_id,kind,underlying,expiry,strike,option_type,multiplier\nUSD,cash,USD,,,,1\nX-FUT,future,X,2026-03-02T08:00:00Z,,,1\n");
        dir.Write("spots.csv", "underlying,spot\nX,100\n");
        dir.Write("forwards.csv", "underlying,expiry,forward\nX,2026-03-02T08:00:00Z,103\n");
        dir.Write("positions.csv", $"account_id,instrument_id,quantity\nA,X-FUT,{I(quantity)}\n");
        string path = dir.Write("scenario.yaml", $$"""
            as_of: 2026-01-01T00:00:00Z
            inputs: { instruments: instruments.csv, positions: positions.csv, spots: spots.csv, forwards: forwards.csv }
            simulation: { paths: 200000, seed: 17, horizon_days: 2, distribution: { type: normal } }
            risk_factors:
              X: { spot_vol: {{I(spotVol)}}, vol_of_vol: 0, basis: { buckets: [30, 90], vols: [0.1, {{I(basisVol)}}] } }
            correlation:
              factors: [X.spot, X.basis90]
              matrix: [[1, {{I(rho)}}], [{{I(rho)}}, 1]]
            margin: { es_confidence: 0.99, var_confidence: 0.99, mm_ratio: 0.8 }
            """);
        var input = ScenarioLoader.Load(path);
        Assert.Equal(3, input.Plan.BasisFactor[0]); // 60 days: X.basis90, factor 2U + 1
        double f0 = input.Plan.Forward0[0];
        Assert.Equal(103.0, f0, 10);
        var a = MarginJob.Run(input, new CpuBackend()).Accounts.Single();

        double h = 2.0 / 365, sx = spotVol * Math.Sqrt(h), sb = basisVol * Math.Sqrt(h);
        double m = -0.5 * (sx * sx + sb * sb), v = sx * sx + sb * sb + 2 * rho * sx * sb, sd = Math.Sqrt(v);
        double alpha = 0.99, z = Normal.InvCDF(0, 1, alpha), mean = Math.Exp(m + v / 2);
        double q = Math.Abs(quantity);
        double es = quantity > 0 ? q * f0 * (1 - mean * Normal.CDF(0, 1, -z - sd) / (1 - alpha)) : q * f0 * (mean * Normal.CDF(0, 1, sd - z) / (1 - alpha) - 1);
        double var = quantity > 0 ? q * f0 * (1 - Math.Exp(m - z * sd)) : q * f0 * (Math.Exp(m + z * sd) - 1);
        Assert.True(a.EsStdError > 0 && a.EsStdError < 0.02 * es, $"implausible ES standard error {a.EsStdError} for ES ≈ {es}");
        Assert.True(Math.Abs(a.ExpectedShortfall - es) <= 4 * a.EsStdError, $"ES {a.ExpectedShortfall:G8}, closed form {es:G8} (s.e. {a.EsStdError:G3})");
        Assert.True(Math.Abs(a.ValueAtRisk - var) <= 6 * a.EsStdError, $"VaR {a.ValueAtRisk:G8}, closed form {var:G8}");
    }
}
