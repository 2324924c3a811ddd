using System.Globalization;
using StressMargin.Compute;
using StressMargin.Compute.Cpu;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Engine;

/// <summary>
/// Perpetual funding in the simulation (docs/model.md §3.4): a long perpetual pays q·S0·rate_8h·(24/8)·h_days on every
/// path (Deribit, "Funding Specifications"; valued at S0), so it shifts every path's loss by the same amount, leaves
/// spot and futures alone, and without a funding block changes nothing bit for bit.
/// </summary>
public class PerpetualFundingTests
{
    private const double Spot = 70_000;

    private static string I(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>One underlying X at 70,000 USD with a perpetual X-PERP and a spot X; normal law, 2,000 paths.</summary>
    private static string Scenario(TempDir dir, string positions, double spotVol, string funding, double horizonDays = 2)
    {
        dir.Write("instruments.csv", "instrument_id,kind,underlying,expiry,strike,option_type,multiplier\nUSD,cash,USD,,,,1\nX,spot,X,,,,1\nX-PERP,perpetual,X,,,,1\n");
        dir.Write("spots.csv", $"underlying,spot\nX,{I(Spot)}\n");
        dir.Write("positions.csv", positions);
        return dir.Write("scenario.yaml", $$"""
            as_of: 2026-01-01T00:00:00Z
            inputs: { instruments: instruments.csv, positions: positions.csv, spots: spots.csv }
            simulation: { paths: 2000, seed: 9, horizon_days: {{I(horizonDays)}}, distribution: normal }
            risk_factors:
              X: { spot_vol: {{I(spotVol)}}, vol_of_vol: 0{{funding}} }
            margin: { es_confidence: 0.99, var_confidence: 0.99, mm_ratio: 0.8 }
            """);
    }

    private static BookRisk Run(string scenario) => ((IComputeBackend)new CpuBackend()).Run(ScenarioLoader.Load(scenario).Plan);

    /// <summary>With spot vol 0, x = 0 on every path and the only P&amp;L is funding: a long of q units loses exactly
    /// q·S0·rate·3·h_days on every path, so VaR = ES = that amount (3 funding periods a day). Tolerance 1e-12 relative
    /// (h·365 need not give back h_days exactly).</summary>
    [Theory]
    [InlineData(3.0, 0.0001, 2.0)]
    [InlineData(-2.0, 0.0003, 5.0)]
    [InlineData(1.5, -0.0002, 1.0)]
    public void ALonePerpetualWithoutSpotVolLosesExactlyItsFunding(double quantity, double rate8h, double horizonDays)
    {
        using var dir = new TempDir();
        var risk = Run(Scenario(dir, $"account_id,instrument_id,quantity\nA,X-PERP,{I(quantity)}\n", 0.0, $", funding: {{ rate_8h: {I(rate8h)} }}", horizonDays));
        double expected = quantity * Spot * rate8h * 3 * horizonDays;
        var a = risk.Accounts[0];
        Assert.Equal(expected, a.ValueAtRisk, Math.Abs(expected) * 1e-12);
        Assert.Equal(expected, a.ExpectedShortfall, Math.Abs(expected) * 1e-12);
    }

    /// <summary>With spot vol the funding is the same on every path, so the tail paths are the same and VaR and ES
    /// move by exactly q·φ (ES is translation equivariant); the spot instrument X pays no funding and its account's
    /// figures are unchanged bit for bit.</summary>
    [Fact]
    public void FundingShiftsEveryPathByTheSameAmountAndLeavesSpotAlone()
    {
        using var plainDir = new TempDir();
        using var fundedDir = new TempDir();
        const string book = "account_id,instrument_id,quantity\nA,X-PERP,4\nB,X,4\nC,X-PERP,-4\n";
        var plain = Run(Scenario(plainDir, book, 0.6, ""));
        var funded = Run(Scenario(fundedDir, book, 0.6, ", funding: { rate_8h: 0.0005 }"));
        double phi = 4 * Spot * 0.0005 * 3 * 2;   // 840 USD
        Assert.Equal(plain.Accounts[0].TailPaths.Order(), funded.Accounts[0].TailPaths.Order());
        Assert.Equal(plain.Accounts[0].ExpectedShortfall + phi, funded.Accounts[0].ExpectedShortfall, 1e-6);
        Assert.Equal(plain.Accounts[0].ValueAtRisk + phi, funded.Accounts[0].ValueAtRisk, 1e-6);
        Assert.Equal(plain.Accounts[2].ExpectedShortfall - phi, funded.Accounts[2].ExpectedShortfall, 1e-6);
        Assert.Equal(plain.Accounts[1].ExpectedShortfall, funded.Accounts[1].ExpectedShortfall);
        Assert.Equal(plain.Accounts[1].ValueAtRisk, funded.Accounts[1].ValueAtRisk);
    }

    /// <summary>Without a funding block every perpetual's payment is exactly 0, and a rate of 0 gives the same losses
    /// bit for bit as no block at all.</summary>
    [Fact]
    public void NoFundingAndAZeroRateAreBitIdentical()
    {
        using var plainDir = new TempDir();
        using var zeroDir = new TempDir();
        const string book = "account_id,instrument_id,quantity\nA,X-PERP,4\nA,X,-1\n";
        var plainInput = ScenarioLoader.Load(Scenario(plainDir, book, 0.6, ""));
        Assert.All(plainInput.Plan.FundingPayment, f => Assert.Equal(0L, BitConverter.DoubleToInt64Bits(f)));
        var plain = ((IComputeBackend)new CpuBackend()).Run(plainInput.Plan);
        var zero = Run(Scenario(zeroDir, book, 0.6, ", funding: { rate_8h: 0 }"));
        Assert.Equal(BitConverter.DoubleToInt64Bits(plain.Accounts[0].ExpectedShortfall), BitConverter.DoubleToInt64Bits(zero.Accounts[0].ExpectedShortfall));
        Assert.Equal(BitConverter.DoubleToInt64Bits(plain.Accounts[0].ValueAtRisk), BitConverter.DoubleToInt64Bits(zero.Accounts[0].ValueAtRisk));
    }

    /// <summary>On the sample market, funding on BTC charges BTC-PERPETUAL only: the plan's payment per unit is
    /// S0·rate·3·h_days for it and 0 for every future, option, spot and ETH perpetual.</summary>
    [Fact]
    public void OnlyThePerpetualsOfTheFundedUnderlyingPay()
    {
        using var dir = new TempDir();
        string rf = EngineScenarios.SampleRiskFactors.Replace("BTC: { spot_vol: atm, vol_of_vol: 1.0 }", "BTC: { spot_vol: atm, vol_of_vol: 1.0, funding: { rate_8h: 0.0001 } }");
        var input = ScenarioLoader.Load(EngineScenarios.OnSampleMarket(dir, EngineScenarios.AllKindsBook, 500, riskFactors: rf));
        var plan = input.Plan;
        for (int i = 0; i < plan.InstrumentCount; i++)
        {
            if (plan.InstrumentIds[i] == "BTC-PERPETUAL")
                Assert.Equal(plan.Forward0[i] * 0.0001 * 3 * 2, plan.FundingPayment[i], plan.Forward0[i] * 1e-15);
            else
                Assert.Equal(0.0, plan.FundingPayment[i]);
        }
        Assert.Contains("BTC-PERPETUAL", plan.InstrumentIds);
        Assert.Contains("ETH-PERPETUAL", plan.InstrumentIds);
    }
}
