using static StressMargin.Tests.BadInput.ScenarioFixture;

namespace StressMargin.Tests.BadInput;

/// <summary><c>risk_factors.U.basis</c> and basis factors named in the correlation block. Fixture line 14:
/// <code>
///   BTC: { spot_vol: atm, vol_of_vol: 1.0 }
/// </code></summary>
public class BasisFactorYamlTests
{
    private const string Btc = "  BTC: { spot_vol: atm, vol_of_vol: 1.0 }";

    private static ScenarioFixture WithBasis(string basis)
    {
        var f = new ScenarioFixture();
        f.Replace(Scenario, Btc, $"  BTC: {{ spot_vol: atm, vol_of_vol: 1.0, basis: {basis} }}");
        return f;
    }

    [Fact]
    public void BucketsThatDoNotIncrease()
    {
        using var f = WithBasis("{ buckets: [30, 30], vols: [0.1, 0.1] }");
        InputErrorAssert.Fails(f, Scenario, 14, 65, "risk_factors.BTC.basis.buckets: bucket bounds must increase, but 30 follows 30");
    }

    [Fact]
    public void BucketThatIsNotAWholeNumberOfDays()
    {
        using var f = WithBasis("{ buckets: [30.5], vols: [0.1] }");
        InputErrorAssert.Fails(f, Scenario, 14, 61, "risk_factors.BTC.basis.buckets: expected a positive whole number of days, got '30.5'");
    }

    [Fact]
    public void OneVolPerBucket()
    {
        using var f = WithBasis("{ buckets: [30, 90], vols: [0.1] }");
        InputErrorAssert.Fails(f, Scenario, 14, 76, "risk_factors.BTC.basis.vols: 1 vols for 2 buckets of 'BTC' (expected one vol per bucket)");
    }

    [Fact]
    public void NegativeVol()
    {
        using var f = WithBasis("{ buckets: [30], vols: [-0.1] }");
        InputErrorAssert.Fails(f, Scenario, 14, 73, "risk_factors.BTC.basis.vols: expected a non-negative annualized vol, got '-0.1'");
    }

    [Fact]
    public void MissingVols()
    {
        using var f = WithBasis("{ buckets: [30] }");
        InputErrorAssert.Fails(f, Scenario, 14, 49, "missing key 'risk_factors.BTC.basis.vols'");
    }

    [Fact]
    public void UnknownKey()
    {
        using var f = WithBasis("{ buckets: [30], vols: [0.1], vol: 0.2 }");
        InputErrorAssert.Fails(f, Scenario, 14, 79, "unknown key 'vol' in 'risk_factors.BTC.basis'", "expected one of: buckets, vols");
    }

    [Fact]
    public void CorrelationOfABucketThatIsNotConfigured()
    {
        using var f = WithBasis("{ buckets: [30, 90], vols: [0.1, 0.1] }");
        f.Replace(Scenario, "[BTC.spot, ETH.spot, BTC.vol]", "[BTC.spot, ETH.spot, BTC.basis60]");
        InputErrorAssert.Fails(f, Scenario, 17, 33, "correlation factor 'BTC.basis60' names a basis bucket that risk_factors.BTC.basis.buckets does not list (expected one of BTC.basis30, BTC.basis90)");
    }
}
