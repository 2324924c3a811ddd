using StressMargin.Core.Margin;
using StressMargin.Core.Margin.AddOns;
using StressMargin.Core.Risk;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Stress;

public class MarginPolicyTests
{
    private static TailEstimate Tail(double es) => new(es * 0.8, es, 1.0, 10, [0]);

    [Fact]
    public void InitialMarginIsTheLargestRiskTermPlusAddOnsFlooredAtZero()
    {
        var settings = new MarginSettings(EsMultiplier: 1.5);
        var esDriven = MarginPolicy.Apply("a", 1000, Tail(100), settings, (120, "s"), new AccountAddOns(10, 5, 50, 0));
        Assert.Equal((165.0, ImDriver.Es), (esDriven.InitialMargin, esDriven.Driver));
        var stressDriven = MarginPolicy.Apply("a", 1000, Tail(100), settings, (200, "crash"), new AccountAddOns(10, 5, 50, 0));
        Assert.Equal((215.0, ImDriver.Stress, "crash"), (stressDriven.InitialMargin, stressDriven.Driver, stressDriven.WorstScenario));
        var somDriven = MarginPolicy.Apply("a", 1000, Tail(100), settings, (120, "s"), new AccountAddOns(0, 0, 400, 0));
        Assert.Equal((400.0, ImDriver.ShortOptionMinimum), (somDriven.InitialMargin, somDriven.Driver));
        var none = MarginPolicy.Apply("a", 1000, Tail(-50), settings, (-10, "s"), null);
        Assert.Equal((0.0, ImDriver.None), (none.InitialMargin, none.Driver));
        // Every risk term ≤ 0, no short-option charge: IM comes from the add-ons, and the driver says so.
        var addOnsOnly = MarginPolicy.Apply("a", 1000, Tail(-5), new MarginSettings(), (-10, "s"), new AccountAddOns(30, 0, 0, 0));
        Assert.Equal((25.0, ImDriver.AddOns), (addOnsOnly.InitialMargin, addOnsOnly.Driver));
    }

    [Fact]
    public void StatusAmountsGiveTheCallAndTheShortfallAgainstMaintenance()
    {
        var s = new MarginSettings(MaintenanceRatio: 0.8);
        var call = MarginPolicy.Apply("a", 90, Tail(100), s);
        Assert.Equal((MarginStatus.MarginCall, 10.0, 0.0), (call.Status, call.CallAmount, call.MaintenanceShortfall));
        var liq = MarginPolicy.Apply("a", 50, Tail(100), s);
        Assert.Equal((MarginStatus.Liquidation, 50.0, 30.0), (liq.Status, liq.CallAmount, liq.MaintenanceShortfall));
        var ok = MarginPolicy.Apply("a", 100, Tail(100), s);
        Assert.Equal((MarginStatus.Ok, 0.0, 0.0), (ok.Status, ok.CallAmount, ok.MaintenanceShortfall));
    }

    [Fact]
    public void TieredMaintenanceIsContinuousAtBandEdgesAndPicksTheRightBand()
    {
        // Binance-style brackets: 0.4 % to 50k, 0.5 % to 250k, 1 % to 1M, 2.5 % above; amounts 0, 50, 1,300, 16,300.
        var tiers = MaintenanceTier.Continuous([50_000, 250_000, 1_000_000, double.PositiveInfinity], [0.004, 0.005, 0.01, 0.025]);
        Assert.Equal([0.0, 50, 1300, 16300], tiers.Select(t => Math.Round(t.AmountUsd, 6)));
        Assert.Equal(200.0, MaintenanceTier.MaintenanceMargin(tiers, 50_000), 9);           // the edge belongs to the lower band
        Assert.Equal(50_001 * 0.005 - 50, MaintenanceTier.MaintenanceMargin(tiers, 50_001), 9);
        Assert.Equal(1_200.0, MaintenanceTier.MaintenanceMargin(tiers, 250_000), 9);           // 250,000 × 0.5 % − 50 = 2,500 − 1,300
        Assert.Equal(8_700.0, MaintenanceTier.MaintenanceMargin(tiers, 1_000_000), 9);
        Assert.Equal(2_000_000 * 0.025 - 16_300, MaintenanceTier.MaintenanceMargin(tiers, 2_000_000), 9);
        foreach (double edge in new[] { 50_000.0, 250_000, 1_000_000 })
            Assert.Equal(MaintenanceTier.MaintenanceMargin(tiers, edge), MaintenanceTier.MaintenanceMargin(tiers, edge * (1 + 1e-12)), 3);

        var settings = new MarginSettings(MaintenanceTiers: tiers);
        var m = MarginPolicy.Apply("a", 1e9, Tail(100_000), settings, default, new AccountAddOns(0, 0, 0, 1_000_000));
        Assert.Equal(8_700.0, m.MaintenanceMargin, 6);
        var capped = MarginPolicy.Apply("a", 1e9, Tail(1_000), settings, default, new AccountAddOns(0, 0, 0, 1_000_000));
        Assert.Equal(1_000.0, capped.MaintenanceMargin, 9); // never above IM
    }

    [Fact]
    public void AddOnsFollowTheirDefinitions()
    {
        using var dir = new TempDir();
        dir.Write("quotes.csv", "instrument_id,bid,ask\nBTC-27MAR26-60000-P,3000,3100\n");
        string positions = "account_id,instrument_id,quantity\nA,BTC-27MAR26-60000-P,-10\nA,BTC-27MAR26-60000-C,-4\nA,BTC-27MAR26-70000-C,6\nA,BTC-PERPETUAL,100\n";
        var input = ScenarioLoader.Load(EngineScenarios.OnSampleMarket(dir, positions, 1000,
            margin: """{ addons: { liquidity: { default_spread: { BTC: 0.002 } }, concentration: { threshold_usd: { "*": 1000000 }, rate: 0.1 }, short_option_minimum: { per_contract_usd: { BTC: 700 } } } }"""));
        var m = input.Market;
        double spot = m.Curve("BTC").Spot;
        // quotes.csv is read only when the scenario names it: this one does not, so every position uses the default.
        var calc = new AddOnCalculator(m, input.Scenario.Margin.AddOns!, new Dictionary<string, (double, double)> { ["BTC-27MAR26-60000-P"] = (3000, 3100) }, 0);
        var a = calc.Compute(input.Book.Accounts[0]);
        Assert.Equal(0.5 * 100 * 10 + 0.5 * 0.002 * spot * (4 + 6 + 100), a.Liquidity, 6);
        Assert.Equal(700 * Math.Max(10, 4 - 6 < 0 ? 0 : 4 - 6), a.ShortOptionMinimum, 9); // net short puts 10, net short calls max(0, 4 − 6) = 0
        Assert.Equal(spot * (10 + 4 + 6 + 100), a.GrossNotionalUsd, 6);

        double t = m.YearsTo(new DateTimeOffset(2026, 3, 27, 8, 0, 0, TimeSpan.Zero));
        double f = m.Curve("BTC").Forward(t);
        double Delta(StressMargin.Core.Instruments.OptionRight right, double k) =>
            StressMargin.Core.Pricing.Black76.Delta(right, f, k, t, m.Surface("BTC")!.ImpliedVol(k, t), 1) * f;
        double net = -10 * Delta(StressMargin.Core.Instruments.OptionRight.Put, 60_000) - 4 * Delta(StressMargin.Core.Instruments.OptionRight.Call, 60_000)
            + 6 * Delta(StressMargin.Core.Instruments.OptionRight.Call, 70_000) + 100 * spot;
        Assert.Equal(0.1 * Math.Max(0, Math.Abs(net) - 1_000_000), a.Concentration, 6);
    }
}
