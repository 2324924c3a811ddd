namespace StressMargin.Tests.BadInput;

/// <summary>collateral.csv is read strictly: every mistake is a located input error and run writes nothing.</summary>
public class CollateralFileTests
{
    private const string File = "collateral.csv";

    /// <summary>The fixture with a BTC spot position in acct-1 and a collateral table; the table's rows start at line 2.</summary>
    private static ScenarioFixture WithTable(string rows)
    {
        var f = new ScenarioFixture()
            .Replace(ScenarioFixture.Scenario, "  vol_surface: vol_surface.csv\n", "  vol_surface: vol_surface.csv\n  collateral: collateral.csv\n")
            .Replace(ScenarioFixture.Instruments, "USD,cash,USD,,,,1\n", "USD,cash,USD,,,,1\nBTC,spot,BTC,,,,1\n")
            .Replace(ScenarioFixture.Positions, "acct-1,USD,40000\n", "acct-1,USD,40000\nacct-1,BTC,0.5\n");
        return f.Set(File, "asset,up_to_usd,haircut\n" + rows);
    }

    [Fact]
    public void AValidTableRuns()
    {
        using var f = WithTable("USD,,0\nBTC,20000,0.03\nBTC,,0.1\n");
        var result = f.Run();
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    [Fact]
    public void AnUnknownAssetIsLocated()
    {
        using var f = WithTable("USD,,0\nBTC,,0.03\nSOL,,0.075\n");
        InputErrorAssert.Fails(f, File, 4, 1, "unknown asset 'SOL'", "cash currency or spot underlying of instruments.csv: BTC, USD");
    }

    [Theory]
    [InlineData("1", "haircut: expected a haircut in [0, 1)")]
    [InlineData("-0.01", "haircut: expected a haircut in [0, 1)")]
    [InlineData("3%", "got '3%'")]
    public void AHaircutOutsideZeroToOneIsLocated(string haircut, string phrase)
    {
        using var f = WithTable($"USD,,0\nBTC,,{haircut}\n");
        InputErrorAssert.Fails(f, File, 3, 3, phrase);
    }

    [Fact]
    public void TiersOutOfOrderAreLocated()
    {
        using (var f = WithTable("USD,,0\nBTC,50000,0.03\nBTC,20000,0.05\nBTC,,0.1\n"))
            InputErrorAssert.Fails(f, File, 4, 2, "tiers out of order", "must exceed the previous band's 50000");
        using (var f = WithTable("USD,,0\nBTC,,0.03\nBTC,90000,0.05\n"))
            InputErrorAssert.Fails(f, File, 4, 2, "tiers out of order", "already has its unbounded last band");
        using (var f = WithTable("BTC,1000,0.01\nUSD,,0\nBTC,,0.05\n"))
            InputErrorAssert.Fails(f, File, 4, 1, "tiers out of order", "must be on consecutive rows");
        using (var f = WithTable("USD,,0\nBTC,1000,0.01\n"))
            InputErrorAssert.Fails(f, File, 3, 0, "the last band of 'BTC' is bounded");
        using (var f = WithTable("USD,,0\nBTC,0,0.01\nBTC,,0.02\n"))
            InputErrorAssert.Fails(f, File, 3, 2, "up_to_usd: expected a positive bound");
    }

    [Fact]
    public void HeldCollateralWithoutAHaircutIsLocatedAtThePosition()
    {
        using var f = WithTable("USD,,0\n");
        InputErrorAssert.Fails(f, ScenarioFixture.Positions, 4, 2, "account 'acct-1' holds 'BTC' as collateral", "no haircut for 'BTC'");
    }
}
