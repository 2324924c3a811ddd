using static StressMargin.Tests.BadInput.ScenarioFixture;

namespace StressMargin.Tests.BadInput;

/// <summary>Cells that do not parse or are out of range. CSV columns are field numbers (1-based).</summary>
public class CsvValueTests
{
    [Theory]
    [InlineData(Instruments, "BTC-27MAR26-70000-C,option,BTC,2026-03-27T08:00:00Z,70000,", "BTC-27MAR26-70000-C,option,BTC,2026-03-27T08:00:00Z,70k,", 5, 5, "strike: expected a positive strike in USD, got '70k'")]
    [InlineData(Instruments, "BTC-PERPETUAL,perpetual,BTC,,,,1", "BTC-PERPETUAL,perpetual,BTC,,,,one", 3, 7, "multiplier: expected a positive number (default 1), got 'one'")]
    [InlineData(Positions, "acct-1,USD,40000", "acct-1,USD,40k", 3, 3, "quantity: expected a signed number of contracts, got '40k'")]
    [InlineData(Positions, "acct-2,BTC-PERPETUAL,-1.5", "acct-2,BTC-PERPETUAL,NaN", 5, 3, "quantity: expected a signed number of contracts, got 'NaN'")]
    [InlineData(Spots, "BTC,71000", "BTC,71000$", 2, 2, "spot: expected a positive price in USD, got '71000$'")]
    [InlineData(Forwards, "BTC,2026-06-26T08:00:00Z,72900", "BTC,2026-06-26T08:00:00Z,72 900", 3, 3, "forward: expected a positive price in USD, got '72 900'")]
    [InlineData(Vols, "BTC,2026-03-27T08:00:00Z,70000,0.55", "BTC,2026-03-27T08:00:00Z,70000,55%", 3, 4, "implied_vol: expected a positive annualized decimal vol (0.55 = 55%), got '55%'")]
    [InlineData(Vols, "BTC,2026-06-26T08:00:00Z,80000,0.55", "BTC,2026-06-26T08:00:00Z,80000,", 7, 4, "implied_vol: expected a positive annualized decimal vol (0.55 = 55%), got an empty cell")]
    public void UnparsableNumber(string file, string oldText, string newText, int line, int column, string message)
    {
        using var f = new ScenarioFixture();
        f.Replace(file, oldText, newText);
        InputErrorAssert.Fails(f, file, line, column, message);
    }

    [Theory]
    [InlineData(Instruments, "BTC-27MAR26,future,BTC,2026-03-27T08:00:00Z", "BTC-27MAR26,future,BTC,27/03/2026", 4, 4, "'27/03/2026'")]
    [InlineData(Instruments, "BTC-27MAR26,future,BTC,2026-03-27T08:00:00Z", "BTC-27MAR26,future,BTC,2026-03-27T08:00:00", 4, 4, "'2026-03-27T08:00:00'")] // no zone
    [InlineData(Forwards, "BTC,2026-03-27T08:00:00Z,71600", "BTC,2026-13-27T08:00:00Z,71600", 2, 2, "'2026-13-27T08:00:00Z'")]
    [InlineData(Vols, "BTC,2026-06-26T08:00:00Z,70000,0.56", "BTC,next june,70000,0.56", 6, 2, "'next june'")]
    public void UnparsableDate(string file, string oldText, string newText, int line, int column, string got)
    {
        using var f = new ScenarioFixture();
        f.Replace(file, oldText, newText);
        InputErrorAssert.Fails(f, file, line, column, "expiry: expected an ISO 8601 UTC date or time such as 2026-03-27T08:00:00Z or 2026-03-27, got " + got);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void NonPositiveSpot(string spot)
    {
        using var f = new ScenarioFixture();
        f.Replace(Spots, "BTC,71000", "BTC," + spot);
        InputErrorAssert.Fails(f, Spots, 2, 2, $"spot: expected a positive price in USD, got '{spot}'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-71600")]
    public void NonPositiveForward(string forward)
    {
        using var f = new ScenarioFixture();
        f.Replace(Forwards, "BTC,2026-03-27T08:00:00Z,71600", "BTC,2026-03-27T08:00:00Z," + forward);
        InputErrorAssert.Fails(f, Forwards, 2, 3, $"forward: expected a positive price in USD, got '{forward}'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.2")]
    public void NonPositiveImpliedVol(string vol)
    {
        using var f = new ScenarioFixture();
        f.Replace(Vols, "BTC,2026-03-27T08:00:00Z,80000,0.53", "BTC,2026-03-27T08:00:00Z,80000," + vol);
        InputErrorAssert.Fails(f, Vols, 4, 4, $"implied_vol: expected a positive annualized decimal vol (0.55 = 55%), got '{vol}'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-70000")]
    public void NonPositiveStrikeInInstruments(string strike)
    {
        using var f = new ScenarioFixture();
        f.Replace(Instruments, "2026-03-27T08:00:00Z,70000,call", $"2026-03-27T08:00:00Z,{strike},call");
        InputErrorAssert.Fails(f, Instruments, 5, 5, $"strike: expected a positive strike in USD, got '{strike}'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-60000")]
    public void NonPositiveStrikeInVolSurface(string strike)
    {
        using var f = new ScenarioFixture();
        f.Replace(Vols, "BTC,2026-06-26T08:00:00Z,60000,0.60", $"BTC,2026-06-26T08:00:00Z,{strike},0.60");
        InputErrorAssert.Fails(f, Vols, 5, 3, $"strike: expected a positive strike in USD, got '{strike}'");
    }

    [Fact]
    public void NonPositiveMultiplier()
    {
        using var f = new ScenarioFixture();
        f.Replace(Instruments, "ETH-PERPETUAL,perpetual,ETH,,,,1", "ETH-PERPETUAL,perpetual,ETH,,,,0");
        InputErrorAssert.Fails(f, Instruments, 7, 7, "multiplier: expected a positive number (default 1), got '0'");
    }

    [Fact]
    public void DuplicateSpot()
    {
        using var f = new ScenarioFixture();
        f.Replace(Spots, "ETH,2100\n", "ETH,2100\nBTC,71100\n");
        InputErrorAssert.Fails(f, Spots, 4, 1, "duplicate spot for 'BTC' (first on line 2)");
    }

    [Fact]
    public void DuplicateImpliedVol()
    {
        using var f = new ScenarioFixture();
        f.Replace(Vols, "BTC,2026-03-27T08:00:00Z,80000,0.53\n", "BTC,2026-03-27T08:00:00Z,80000,0.53\nBTC,2026-03-27T08:00:00Z,70000,0.57\n");
        InputErrorAssert.Fails(f, Vols, 5, 3, "duplicate implied vol for 'BTC' 2026-03-27T08:00:00Z strike 70000 (first on line 3)");
    }

    [Fact]
    public void ForwardExpiringBeforeAsOf()
    {
        using var f = new ScenarioFixture();
        f.Replace(Forwards, "BTC,2026-03-27T08:00:00Z,71600", "BTC,2026-01-30T08:00:00Z,71600");
        InputErrorAssert.Fails(f, Forwards, 2, 2, "forward expiry 2026-01-30T08:00:00Z is not after as_of 2026-02-05T09:36:47Z");
    }

    [Fact]
    public void VolForUnderlyingWithoutSpot()
    {
        using var f = new ScenarioFixture();
        f.Set(Vols, DefaultVols + "SOL,2026-03-27T08:00:00Z,100,0.9\n");
        InputErrorAssert.Fails(f, Vols, 8, 1, "implied vol for unknown underlying 'SOL' (no row in spots.csv)");
    }
}
