using static StressMargin.Tests.BadInput.ScenarioFixture;

namespace StressMargin.Tests.BadInput;

/// <summary><c>risk_factors.U.funding</c>. Fixture line 14:
/// <code>
///   BTC: { spot_vol: atm, vol_of_vol: 1.0 }
/// </code></summary>
public class FundingYamlTests
{
    private const string Btc = "  BTC: { spot_vol: atm, vol_of_vol: 1.0 }";

    private static ScenarioFixture WithFunding(string funding)
    {
        var f = new ScenarioFixture();
        f.Replace(Scenario, Btc, $"  BTC: {{ spot_vol: atm, vol_of_vol: 1.0, funding: {funding} }}");
        return f;
    }

    [Fact]
    public void APercentageMeantAsADecimal()
    {
        using var f = WithFunding("{ rate_8h: 0.5 }");
        InputErrorAssert.Fails(f, Scenario, 14, 62, "risk_factors.BTC.funding.rate_8h is a funding rate per 8 hours; 0.5 means 50 % every 8 hours: did you mean 0.005? (|rate| at most 0.01, i.e. 1 %)");
    }

    [Fact]
    public void ANegativeRateAboveTheBound()
    {
        using var f = WithFunding("{ rate_8h: -0.02 }");
        InputErrorAssert.Fails(f, Scenario, 14, 62, "risk_factors.BTC.funding.rate_8h is a funding rate per 8 hours; -0.02 means -2 % every 8 hours: did you mean -0.0002? (|rate| at most 0.01, i.e. 1 %)");
    }

    [Fact]
    public void NotANumber()
    {
        using var f = WithFunding("{ rate_8h: 1bp }");
        InputErrorAssert.Fails(f, Scenario, 14, 62, "risk_factors.BTC.funding.rate_8h: expected a perpetual funding rate per 8 hours (decimal, 0.0001 = 0.01 %; positive: longs pay), got '1bp'");
    }

    [Fact]
    public void MissingRate()
    {
        using var f = WithFunding("{ }");
        InputErrorAssert.Fails(f, Scenario, 14, 51, "missing key 'risk_factors.BTC.funding.rate_8h'");
    }

    [Fact]
    public void UnknownKey()
    {
        using var f = WithFunding("{ rate_8h: 0.0001, rate: 1 }");
        InputErrorAssert.Fails(f, Scenario, 14, 70, "unknown key 'rate' in 'risk_factors.BTC.funding'", "expected one of: rate_8h");
    }

    [Fact]
    public void AScalarInsteadOfAMapping()
    {
        using var f = WithFunding("0.0001");
        InputErrorAssert.Fails(f, Scenario, 14, 51, "risk_factors.BTC.funding");
    }
}
