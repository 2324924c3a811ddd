using StressMargin.Core.Numerics;
using StressMargin.Core.RiskModel;
using System.Globalization;
using MathNet.Numerics.RootFinding;
using StressMargin.Compute.Cpu;
using StressMargin.Core.Instruments;
using StressMargin.Core.Portfolio;
using StressMargin.Core.Pricing;
using StressMargin.Core.Stress;
using StressMargin.Core.Stress.Reverse;
using StressMargin.Engine;
using StressMargin.IO.Stress;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Stress;

/// <summary>
/// Reverse stress against closed forms: a linear position's liquidation and default moves are
/// −(equity − threshold)/(quantity × spot); a short call's are where Black-76 on the moved forward, with the vol held,
/// shocked by Deribit's vol-up leg or moved by the model's E[y | x], brings equity to the threshold.
/// The search's tolerance is 1e-6 in log return, and the move it reports is on the far side of the threshold.
/// </summary>
public class ReverseStressTests
{
    private const double Tolerance = 2e-6;

    [Fact]
    public void LinearPositionsLiquidateAndDefaultAtTheClosedFormMovesInMarginCsv()
    {
        using var dir = new TempDir();
        string scenario = EngineScenarios.Linear(dir, """
            account_id,instrument_id,quantity
            long,X-PERP,10
            long,USD,3
            short,X-PERP,-10
            short,USD,3
            cash,USD,5
            bankrupt,USD,-1
            """, 20_000, 0.5, 0.5, 0.2, "normal", 0.99);
        var run = CliRunner.Run("run", scenario);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var rows = File.ReadLines(dir.File("out/margin.csv")).Select(l => l.Split(',')).ToArray();
        int Col(string name) => Array.IndexOf(rows[0], name);
        string[] Row(string account) => rows.Single(r => r[0] == account);
        double Num(string[] r, string name) => double.Parse(r[Col(name)], CultureInfo.InvariantCulture);

        foreach (var (account, sign) in new[] { ("long", -1.0), ("short", 1.0) })
        {
            var r = Row(account);
            double mm = Num(r, "maintenance_margin");
            Assert.InRange(mm, 0.1, 2.9);
            // Equity after a move m of spot 1: 3 + q·m (a perpetual has no time value), q = ∓10.
            Assert.Equal(sign * (3 - mm) / 10, Num(r, "liquidation_spot_move"), Tolerance);
            Assert.Equal(sign * 0.3, Num(r, "default_spot_move"), Tolerance);
            Assert.True(3 - sign * 10 * Num(r, "liquidation_spot_move") < mm, "the reported move liquidates");
            Assert.Equal("X/model-vol", r[Col("liquidation_scenario")]);
            Assert.Equal("X/model-vol", r[Col("default_scenario")]);
        }
        Assert.Equal(["", "", "", ""], Row("cash")[Col("liquidation_spot_move")..(Col("default_scenario") + 1)]);
        Assert.Equal(["0", "current", "0", "current"], Row("bankrupt")[Col("liquidation_spot_move")..(Col("default_scenario") + 1)]);
    }

    private sealed record ShortCall(AccountMarginer Marginer, Core.RiskModel.FactorModel Factors, Instrument Call, double Forward, double Vol, double Years, double Horizon, double Value0);

    private static ShortCall Setup(TempDir dir, string riskFactors)
    {
        string scenario = EngineScenarios.OnSampleMarket(dir, "account_id,instrument_id,quantity\nA,BTC-27MAR26-90000-C,-1\nA,USD,1000\n", 1000, riskFactors: riskFactors);
        var input = ScenarioLoader.Load(scenario);
        var call = input.Instruments.Single(i => i.Id == "BTC-27MAR26-90000-C");
        double t = input.Market.YearsTo(call.ExpiryUtc!.Value);
        double f = input.Market.Curve("BTC").Forward(t);
        return new ShortCall(new AccountMarginer(input), input.Factors, call, f, input.Market.Surface("BTC")!.ImpliedVol(90_000, t), t, input.Scenario.Simulation.HorizonYears, input.Value0[call]);
    }

    private static IReadOnlyList<Position> Book(ShortCall s, double cash) =>
        [new Position("A", s.Call, -1), new Position("A", new Instrument("USD", InstrumentKind.Cash, "USD", null, null, null, 1), cash)];

    /// <summary>Equity after a move m with the call's vol set to vol(m): cash − (Black76(F0(1+m), K, T − h, vol) − V0) − V0 + V0.</summary>
    private static double Equity(ShortCall s, double cash, double m, Func<double, double> vol) =>
        cash - s.Value0 - (Black76.Price(OptionRight.Call, s.Forward * (1 + m), 90_000, s.Years - s.Horizon, vol(m), 1.0) - s.Value0);

    [Fact]
    public void ShortCallUnderFixedVolReachesItsThresholdsWhereBlack76Says()
    {
        using var dir = new TempDir();
        var s = Setup(dir, EngineScenarios.SampleRiskFactors.Replace("BTC: { spot_vol: atm, vol_of_vol: 1.0 }", "BTC: { spot_vol: atm, vol_of_vol: 0 }"));
        // Cash chosen so that equity is 0 exactly at a 30 % rise and equals MM at a 20 % rise, with the vol held.
        double Held(double _) => s.Vol;
        double cash = Black76.Price(OptionRight.Call, s.Forward * 1.3, 90_000, s.Years - s.Horizon, s.Vol, 1.0);
        double mm = Equity(s, cash, 0.2, Held);
        var paths = s.Marginer.ReverseStress.Paths(Book(s, cash), cash - s.Value0, mm);
        var model = paths.Single(p => p.Vol == ReverseStressVol.Model && p.Direction == 1);
        Assert.Equal(0.3, model.DefaultSpotMove, Tolerance);
        Assert.Equal(0.2, model.LiquidationSpotMove, Tolerance);
        Assert.True(double.IsNaN(paths.Single(p => p.Vol == ReverseStressVol.Model && p.Direction == -1).DefaultSpotMove), "a short call gains when spot falls");

        // Deribit's vol-up leg: σ' = max(σ·(1 + 0.5·(30/DTE)^p), 50 %), p = 0.13 beyond 30 days; the root by Brent's method.
        double dte = s.Years * 365;
        double up = Math.Max(s.Vol * (1 + 0.5 * Math.Pow(30 / dte, dte < 30 ? 0.3 : 0.13)), 0.5);
        double expected = Brent.FindRoot(m => Equity(s, cash, m, _ => up), 0.0, 0.3, 1e-12);
        var volUp = paths.Single(p => p.Vol == ReverseStressVol.VolUp && p.Direction == 1);
        Assert.Equal(expected, volUp.DefaultSpotMove, Tolerance);
        Assert.True(volUp.DefaultSpotMove < 0.3);
        var distance = s.Marginer.ReverseStress.Search(Book(s, cash), cash - s.Value0, mm);
        Assert.Equal(volUp.DefaultSpotMove, distance.DefaultSpotMove);
        Assert.Equal("BTC/vol-up", distance.DefaultScenario);
    }

    [Fact]
    public void ModelVolResponseIsTheConditionalMeanOfTheSimulatedVolFactor()
    {
        // E[y | x] = −½ν²h + ρ(ν/σ)(x + ½σ²h): against a regression of y on x over simulated factor paths.
        using var dir = new TempDir();
        string scenario = EngineScenarios.Linear(dir, "account_id,instrument_id,quantity\nA,X-PERP,1\n", 200_000, 0.6, 0.5, 0.2, "normal", 0.99);
        var input = ScenarioLoader.Load(scenario);
        var response = AccountMarginer.ModelVolResponses(input.Factors, input.Scenario.Simulation.HorizonYears)["X"];
        double rho = input.Factors.Correlation[0, 1], sigma = 0.6, nu = 0.5, h = input.Scenario.Simulation.HorizonYears;
        Assert.Equal(0.3, rho);
        Assert.Equal(rho * nu / sigma, response.Slope, 15);
        Assert.Equal(-0.5 * nu * nu * h + 0.5 * rho * nu * sigma * h, response.Intercept, 15);

        var model = input.Plan.HostFactorModel();
        int n = input.Plan.PathCount, factors = input.Plan.FactorCount;
        var values = new double[factors];
        var normals = new HostArray<double>(new double[factors]);
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (long j = 0; j < n; j++)
        {
            FactorPathMath.Generate<SystemMath, HostArray<double>, HostArray<int>>(model, j, normals, new HostArray<double>(values), 1, 0);
            double x = values[0], y = values[1];
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        double slope = (sxy - sx * sy / n) / (sxx - sx * sx / n), intercept = (sy - slope * sx) / n;
        // Standard errors: slope ν√(1 − ρ²)/(σ√n) ≈ 0.0018, intercept ν√h·√(1 − ρ²)/√n ≈ 8e-5; about 4.5 of each.
        Assert.Equal(response.Slope, slope, 0.008);
        Assert.Equal(response.Intercept, intercept, 3.5e-4);
    }

    [Fact]
    public void ShortCallWithTheModelsVolResponseCrossesWhereBlack76OnTheConditionalVolSays()
    {
        using var dir = new TempDir();
        var s = Setup(dir, EngineScenarios.SampleRiskFactors);
        var response = AccountMarginer.ModelVolResponses(s.Factors, s.Horizon)["BTC"];
        Assert.True(response.Slope < 0, "BTC's vol falls as its spot rises (ρ = −0.3)");
        double Model(double m) => s.Vol * Math.Exp(response.LogVolChange(Math.Log(1 + m)));
        double cash = 20_000, mm = 5_000;
        var path = s.Marginer.ReverseStress.Paths(Book(s, cash), cash - s.Value0, mm).Single(p => p.Vol == ReverseStressVol.Model && p.Direction == 1);
        double expected = Brent.FindRoot(m => Equity(s, cash, m, Model) - mm, 0.0, 5.0, 1e-12);
        Assert.Equal(expected, path.LiquidationSpotMove, Tolerance);
        Assert.True(Equity(s, cash, path.LiquidationSpotMove, Model) < mm);
    }

    [Fact]
    public void VolUpLegIsTheSampleGridsVolUpShock()
    {
        var grid = StressFileReader.Read(RepoPaths.Combine("scenarios", "stress", "deribit-btc-pm.yaml"), new Core.SourceLocation("test"), [])
            .First(s => s.Name.EndsWith("/vol-up", StringComparison.Ordinal));
        Assert.Equal(ReverseStressSettings.DeribitVolUp, grid.MoveOf("BTC").VolShift);
    }
}
