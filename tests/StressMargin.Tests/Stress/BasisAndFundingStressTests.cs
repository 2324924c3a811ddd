using StressMargin.Core.Instruments;
using StressMargin.Core.MarketData;
using StressMargin.Core.Pricing;
using StressMargin.Core.Stress;
using StressMargin.Engine;
using StressMargin.IO.Stress;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Stress;

/// <summary>Basis shifts (a basis blow-out) and perpetual funding in stress scenarios on the sample's real market, against hand computations.</summary>
public class BasisAndFundingStressTests
{
    // Tenors 10 and 100 days: Δb = +1 % at 10 days, −2 % at 100 days, linear between, flat outside.
    private const string Moves = "{ spot_move: -0.05, basis: { days: [10, 100], log_change: [0.01, -0.02] } }";

    private static (LoadedScenario Input, StressResult Result) Evaluate(TempDir dir, string positions, string moves = Moves)
    {
        dir.Write("stress.yaml", $"scenarios: [{{ name: blowout, moves: {{ BTC: {moves} }} }}]");
        var input = ScenarioLoader.Load(EngineScenarios.OnSampleMarket(dir, positions, paths: 1000, margin: "{ stress: [stress.yaml] }"));
        return (input, StressJob.Run(input));
    }

    private static (double Forward, double Days) Future(LoadedScenario input, string id)
    {
        var ins = input.Instruments.Single(i => i.Id == id);
        double t = input.Market.YearsTo(ins.ExpiryUtc!.Value);
        return (input.Market.Curve("BTC").Forward(t), t * YearFraction.DaysPerYear);
    }

    private static double Db(double days) => days <= 10 ? 0.01 : days >= 100 ? -0.02 : 0.01 + (days - 10) / 90 * -0.03;

    [Fact]
    public void BasisShiftInterpolatesLinearlyInDaysAndIsFlatOutside()
    {
        var b = new BasisShift([10, 100], [0.01, -0.02]);
        Assert.Equal(0.01, b.At(0));
        Assert.Equal(0.01, b.At(10));
        Assert.Equal(-0.005, b.At(55), 15);
        Assert.Equal(-0.02, b.At(400));
        Assert.Throws<ArgumentException>(() => new BasisShift([10, 10], [0, 0]));
        Assert.Throws<ArgumentException>(() => new BasisShift([10], [0, 0]));
    }

    [Fact]
    public void FuturesMoveByTheSpotMoveAndTheBasisChangeAtTheirTenorPerpetualsByTheSpotMoveOnly()
    {
        using var dir = new TempDir();
        var (input, r) = Evaluate(dir, "account_id,instrument_id,quantity\nA,BTC-13FEB26,2\nB,BTC-27MAR26,-3\nC,BTC-PERPETUAL,4\nD,BTC-25DEC26,1\n");
        foreach (var (account, id, q) in new[] { (0, "BTC-13FEB26", 2.0), (1, "BTC-27MAR26", -3.0), (3, "BTC-25DEC26", 1.0) })
        {
            var (f, days) = Future(input, id);
            Assert.Equal(q * f * (0.95 * Math.Exp(Db(days)) - 1), r.Pnl(account, 0), 1e-9 * f);
        }
        Assert.Equal(4 * input.Market.Curve("BTC").Spot * -0.05, r.Pnl(2, 0), 1e-9);
    }

    [Fact]
    public void PureBasisTradeLosesTheBasisChangeTimesTheFutureNotional()
    {
        // Long 5 perpetual, short 5 of the 27MAR26 future, spot unchanged: P&L = −5·F0(T)·(e^{Δb} − 1) exactly.
        using var dir = new TempDir();
        var (input, r) = Evaluate(dir, "account_id,instrument_id,quantity\nA,BTC-PERPETUAL,5\nA,BTC-27MAR26,-5\n",
            "{ basis: { days: [10, 100], log_change: [0.01, -0.02] } }");
        var (f, days) = Future(input, "BTC-27MAR26");
        Assert.InRange(days, 10, 100);
        Assert.Equal(-5 * f * (Math.Exp(Db(days)) - 1), r.Pnl(0, 0), 1e-9 * f);
        Assert.True(r.Pnl(0, 0) > 0); // the basis of 27MAR26 falls: the short future gains
    }

    [Fact]
    public void PerpetualsPayTheScenariosFundingOverTheHorizon()
    {
        // funding_8h 0.3 % over a 2-day horizon = 6 funding periods: a long pays 6 × 0.3 % of S0 per unit, a short receives it;
        // futures and coins pay no funding.
        using var dir = new TempDir();
        var (input, r) = Evaluate(dir, "account_id,instrument_id,quantity\nA,BTC-PERPETUAL,4\nB,BTC-PERPETUAL,-2\nC,BTC,1\n",
            "{ spot_move: -0.05, funding_8h: 0.003 }");
        double s0 = input.Market.Curve("BTC").Spot;
        Assert.Equal(2.0, input.Scenario.Simulation.HorizonDays);
        Assert.Equal(4 * s0 * (-0.05 - 6 * 0.003), r.Pnl(0, 0), 1e-9 * s0);
        Assert.Equal(-2 * s0 * (-0.05 - 6 * 0.003), r.Pnl(1, 0), 1e-9 * s0);
        Assert.Equal(s0 * -0.05, r.Pnl(2, 0), 1e-9 * s0);
        string path = dir.Write("bad.yaml", "scenarios:\n  - name: x\n    moves: { BTC: { funding_8h: 0.5 } }\n");
        var e = Assert.Throws<StressMargin.Core.InputException>(() => StressFileReader.Read(path));
        Assert.Contains("funding_8h: expected a perpetual funding rate per 8 hours", e.Message);
    }

    [Fact]
    public void OptionsAreRepricedOnTheShiftedForward()
    {
        using var dir = new TempDir();
        var (input, r) = Evaluate(dir, "account_id,instrument_id,quantity\nA,BTC-27MAR26-70000-C,1\n");
        var ins = input.Instruments.Single(i => i.Id == "BTC-27MAR26-70000-C");
        var (f0, days) = Future(input, "BTC-27MAR26");
        double t = days / YearFraction.DaysPerYear, h = input.Scenario.Simulation.HorizonYears;
        double vol = input.Market.Surface("BTC")!.ImpliedVol(70_000, t);
        double v0 = Black76.Price(OptionRight.Call, f0, 70_000, t, vol, 1);
        double v1 = Black76.Price(OptionRight.Call, f0 * 0.95 * Math.Exp(Db(days)), 70_000, t - h, vol, 1);
        Assert.Equal(v1 - v0, r.Pnl(0, 0), 1e-7);
        Assert.NotNull(ins);
    }

    [Fact]
    public void BadBasisBlocksNameTheirPosition()
    {
        using var dir = new TempDir();
        string path = dir.Write("bad.yaml", "scenarios:\n  - name: x\n    moves: { BTC: { basis: { days: [10, 100], log_change: [0.01] } } }\n");
        var e = Assert.Throws<StressMargin.Core.InputException>(() => StressFileReader.Read(path));
        Assert.Contains("expected 2 values (one per tenor), got 1", e.Message);
        Assert.Equal(3, e.Location!.Line);
        path = dir.Write("bad2.yaml", "scenarios:\n  - name: x\n    moves: { BTC: { basis: { days: [100, 10], log_change: [0.01, 0.02] } } }\n");
        e = Assert.Throws<StressMargin.Core.InputException>(() => StressFileReader.Read(path));
        Assert.Contains("above the previous tenor, got '10'", e.Message);
    }

    [Fact]
    public void TheShippedBasisReplaysLoadAndMoveTheBasis()
    {
        var scenarios = StressFileReader.Read(RepoPaths.Combine("scenarios", "stress", "basis-replay-20260205.yaml"));
        Assert.Equal(3, scenarios.Count);
        Assert.All(scenarios, s => Assert.All(new[] { "BTC", "ETH" }, u => Assert.NotNull(s.MoveOf(u).Basis)));
        Assert.Contains(scenarios, s => Math.Abs(s.MoveOf("ETH").Basis!.LogChange.MaxBy(Math.Abs)) > 0.009);
    }
}
