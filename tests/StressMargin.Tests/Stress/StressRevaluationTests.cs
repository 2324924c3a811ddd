using StressMargin.Core.Instruments;
using StressMargin.Core.Pricing;
using StressMargin.Core.Stress;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Stress;

/// <summary>Stress revaluation on books with answers known by hand, on the sample's real Deribit market.</summary>
public class StressRevaluationTests
{
    private static (LoadedScenario Input, StressResult Result) Evaluate(TempDir dir, string positions, string stressYaml, string volDynamics = "sticky_strike")
    {
        dir.Write("stress.yaml", stressYaml);
        var input = ScenarioLoader.Load(EngineScenarios.OnSampleMarket(dir, positions, paths: 1000, volDynamics: volDynamics,
            margin: "{ stress: [stress.yaml] }"));
        return (input, StressJob.Run(input));
    }

    private static double Forward(LoadedScenario input, string instrumentId)
    {
        var ins = input.Instruments.Single(i => i.Id == instrumentId);
        return input.Market.Curve(ins.Underlying).Forward(input.Market.YearsTo(ins.ExpiryUtc!.Value));
    }

    [Fact]
    public void LongFutureUnderAThirtyPercentFallLosesExactlyThirtyPercentOfNotional()
    {
        using var dir = new TempDir();
        var (input, r) = Evaluate(dir, "account_id,instrument_id,quantity\nA,BTC-27MAR26,3\nB,ETH-PERPETUAL,-10\nC,BTC,2\n",
            "scenarios: [{ name: crash, moves: { \"*\": { spot_move: -0.30 } } }]");
        double f = Forward(input, "BTC-27MAR26");
        Assert.Equal(-0.30 * 3 * f, r.Pnl(0, 0), 1e-9 * f);
        Assert.Equal(0.30 * 10 * input.Market.Curve("ETH").Spot, r.Pnl(1, 0), 1e-9);
        Assert.Equal(-0.30 * 2 * input.Market.Curve("BTC").Spot, r.Pnl(2, 0), 1e-9);
        Assert.Equal((0.30 * 3 * f, "crash"), (r.WorstWeightedLoss(0).Loss, r.WorstWeightedLoss(0).Scenario), new LossComparer());
    }

    [Fact]
    public void VolShiftOnALongStraddleMatchesBlack76RepricingByHand()
    {
        using var dir = new TempDir();
        var (input, r) = Evaluate(dir, "account_id,instrument_id,quantity\nA,BTC-27MAR26-72000-C,1\nA,BTC-27MAR26-72000-P,1\n",
            "scenarios: [{ name: vol-up-50, moves: { BTC: { vol_shift: 0.5 } } }]");
        var m = input.Market;
        double h = 2.0 / 365, t = m.YearsTo(new DateTimeOffset(2026, 3, 27, 8, 0, 0, TimeSpan.Zero));
        double f = m.Curve("BTC").Forward(t), vol = m.Surface("BTC")!.ImpliedVol(72_000, t);
        double before = Black76.Price(OptionRight.Call, f, 72_000, t, vol, 1) + Black76.Price(OptionRight.Put, f, 72_000, t, vol, 1);
        double after = Black76.Price(OptionRight.Call, f, 72_000, t - h, 1.5 * vol, 1) + Black76.Price(OptionRight.Put, f, 72_000, t - h, 1.5 * vol, 1);
        Assert.Equal(after - before, r.Pnl(0, 0), 1e-9 * f);
        Assert.True(r.Pnl(0, 0) > 0, "a long straddle gains when vols rise by half");
    }

    [Fact]
    public void SkewTiltAddsVolPerUnitOfLogMoneynessAndOptionsExpiringInTheHorizonPayIntrinsic()
    {
        using var dir = new TempDir();
        var (input, r) = Evaluate(dir, "account_id,instrument_id,quantity\nA,BTC-27MAR26-60000-P,1\nB,BTC-6FEB26-70000-C,1\n",
            "scenarios: [{ name: tilt, moves: { BTC: { spot_move: 0.05, skew_tilt: -0.2 } } }]");
        var m = input.Market;
        double h = 2.0 / 365, t = m.YearsTo(new DateTimeOffset(2026, 3, 27, 8, 0, 0, TimeSpan.Zero));
        double f0 = m.Curve("BTC").Forward(t), vol = m.Surface("BTC")!.ImpliedVol(60_000, t);
        double shocked = vol - 0.2 * Math.Log(60_000 / f0);
        double expected = Black76.Price(OptionRight.Put, 1.05 * f0, 60_000, t - h, shocked, 1) - input.Value0[input.Instruments.Single(i => i.Id == "BTC-27MAR26-60000-P")];
        Assert.Equal(expected, r.Pnl(0, 0), 1e-9 * f0);

        double fExp = Forward(input, "BTC-6FEB26-70000-C");
        double v0 = input.Value0[input.Instruments.Single(i => i.Id == "BTC-6FEB26-70000-C")];
        Assert.Equal(Math.Max(1.05 * fExp - 70_000, 0) - v0, r.Pnl(1, 0), 1e-9 * fExp);
    }

    [Theory]
    // Deribit: σ_up = max(σ·(1 + 0.5·(30/DTE)^p), 0.5), σ_down = σ·(1 − 0.25·(30/DTE)^p), p = 0.3 below 30 days, 0.13 above.
    [InlineData(7, 0.60, 0.60 * (1 + 0.5 * 1.54741558), 0.60 * (1 - 0.25 * 1.54741558))]
    [InlineData(30, 0.60, 0.60 * 1.5, 0.60 * 0.75)]
    [InlineData(90, 0.60, 0.60 * (1 + 0.5 * 0.86691045), 0.60 * (1 - 0.25 * 0.86691045))]
    [InlineData(90, 0.25, 0.5, 0.25 * (1 - 0.25 * 0.86691045))] // shocked-up vol floored at 50 %
    public void DeribitTermScalingMatchesThePublishedFormula(double days, double vol, double up, double down)
    {
        var term = new TermScaling(30, 0.3, 0.13, 1);
        Assert.Equal(Math.Pow(30 / days, days < 30 ? 0.3 : 0.13), term.Factor(days), 14);
        Assert.Equal(up, new VolShock(0.5, term, 0.5).Apply(vol, days), 6);
        Assert.Equal(down, new VolShock(-0.25, term).Apply(vol, days), 6);
        Assert.Equal(Math.Pow(30.0, 0.3), term.Factor(0.01), 14); // floored at 1 day
    }

    [Fact]
    public void StickyMoneynessLooksUpTheVolAtTheMovedStrike()
    {
        using var dir = new TempDir();
        var (input, r) = Evaluate(dir, "account_id,instrument_id,quantity\nA,BTC-27MAR26-60000-P,1\n",
            "scenarios: [{ name: down, moves: { BTC: { spot_move: -0.2 } } }]", volDynamics: "sticky_moneyness");
        var m = input.Market;
        double h = 2.0 / 365, t = m.YearsTo(new DateTimeOffset(2026, 3, 27, 8, 0, 0, TimeSpan.Zero));
        double f0 = m.Curve("BTC").Forward(t);
        double vol = m.Surface("BTC")!.ImpliedVol(60_000 / 0.8, t);
        double expected = Black76.Price(OptionRight.Put, 0.8 * f0, 60_000, t - h, vol, 1) - input.Value0[input.Instruments.Single(i => i.Id == "BTC-27MAR26-60000-P")];
        Assert.Equal(expected, r.Pnl(0, 0), 1e-9 * f0);
    }

    [Fact]
    public void SurfaceReplayRevaluesOnTheSecondSnapshotAtItsOwnTime()
    {
        using var dir = new TempDir();
        string replay = RepoPaths.Combine("scenarios", "stress", "deribit-20260205T212937Z").Replace('\\', '/');
        var (input, r) = Evaluate(dir, "account_id,instrument_id,quantity\nA,BTC-PERPETUAL,1\nB,BTC-27MAR26-60000-P,-2\n",
            $"surface: {{ name: late, as_of: 2026-02-05T21:29:37Z, spots: {replay}/spots.csv, forwards: {replay}/forwards.csv, vol_surface: {replay}/vol_surface.csv }}");
        var late = StressMargin.IO.MarketSnapshotBuilder.Build(new DateTimeOffset(2026, 2, 5, 21, 29, 37, TimeSpan.Zero),
            StressMargin.IO.Csv.MarketCsv.ReadSpots(replay + "/spots.csv"), StressMargin.IO.Csv.MarketCsv.ReadForwards(replay + "/forwards.csv"), StressMargin.IO.Csv.MarketCsv.ReadVols(replay + "/vol_surface.csv"));
        Assert.Equal(late.Curve("BTC").Spot - input.Market.Curve("BTC").Spot, r.Pnl(0, 0), 1e-9);
        double t = late.YearsTo(new DateTimeOffset(2026, 3, 27, 8, 0, 0, TimeSpan.Zero));
        double v1 = Black76.Price(OptionRight.Put, late.Curve("BTC").Forward(t), 60_000, t, late.Surface("BTC")!.ImpliedVol(60_000, t), 1);
        Assert.Equal(-2 * (v1 - input.Value0[input.Instruments.Single(i => i.Id == "BTC-27MAR26-60000-P")]), r.Pnl(1, 0), 1e-6);
        Assert.True(r.Pnl(0, 0) < -7000, "BTC fell by about 7,600 USD between the snapshots");
    }

    [Fact]
    public void WeightsScaleTheLossCountedAndPickTheWorstWeightedScenario()
    {
        using var dir = new TempDir();
        var (_, r) = Evaluate(dir, "account_id,instrument_id,quantity\nA,BTC,1\n", """
            scenarios:
              - { name: big, weight: 0.2, moves: { "*": { spot_move: -0.5 } } }
              - { name: small, moves: { "*": { spot_move: -0.15 } } }
              - { name: up, moves: { "*": { spot_move: 0.3 } } }
            """);
        var (loss, scenario) = r.WorstWeightedLoss(0);
        Assert.Equal("small", scenario);       // 0.15 × S0 beats 0.2 × 0.5 × S0 = 0.10 × S0
        Assert.Equal(-r.Pnl(0, 1), loss, 9);
        Assert.Equal(-0.5 / 0.15 * loss, r.Pnl(0, 0), 6);
    }

    private sealed class LossComparer : IEqualityComparer<(double, string?)>
    {
        public bool Equals((double, string?) a, (double, string?) b) => Math.Abs(a.Item1 - b.Item1) <= 1e-6 * Math.Abs(a.Item1) && a.Item2 == b.Item2;
        public int GetHashCode((double, string?) obj) => 0;
    }
}
