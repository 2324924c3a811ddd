using static StressMargin.Tests.BadInput.ScenarioFixture;

namespace StressMargin.Tests.BadInput;

/// <summary>Instruments whose fields contradict their kind, and positions that do not fit the instruments or market.</summary>
public class InstrumentAndBookTests
{
    [Fact]
    public void UnknownInstrumentInPositions()
    {
        using var f = new ScenarioFixture();
        f.Replace(Positions, "acct-2,BTC-27MAR26-70000-C,3", "acct-2,BTC-27MAR26-75000-C,3");
        InputErrorAssert.Fails(f, Positions, 4, 2, "unknown instrument 'BTC-27MAR26-75000-C' (not in instruments.csv)");
    }

    [Fact]
    public void SameInstrumentTwiceInOneAccount()
    {
        using var f = new ScenarioFixture();
        f.Replace(Positions, "acct-3,USD,15000\n", "acct-3,USD,15000\nacct-3,BTC-27MAR26,2\n");
        InputErrorAssert.Fails(f, Positions, 10, 2, "account 'acct-3' holds 'BTC-27MAR26' twice (first on line 7); merge the quantities");
    }

    [Fact]
    public void HeldInstrumentWhoseUnderlyingHasNoSpot()
    {
        using var f = new ScenarioFixture();
        f.Replace(Spots, "ETH,2100\n", "");
        InputErrorAssert.Fails(f, Instruments, 7, 3, "instrument 'ETH-PERPETUAL' has unknown underlying 'ETH' (no row in spots.csv)");
    }

    [Fact]
    public void HeldOptionWhoseUnderlyingHasNoVolSurface()
    {
        using var f = new ScenarioFixture();
        f.Set(Instruments, DefaultInstruments + "ETH-27MAR26-2000-C,option,ETH,2026-03-27T08:00:00Z,2000,call,1\n")
         .Set(Positions, DefaultPositions + "acct-3,ETH-27MAR26-2000-C,5\n");
        InputErrorAssert.Fails(f, Instruments, 8, 3, "option 'ETH-27MAR26-2000-C': underlying 'ETH' has no implied vols in vol_surface.csv");
    }

    [Fact]
    public void OptionWithoutExpiry()
    {
        using var f = new ScenarioFixture();
        f.Replace(Instruments, "BTC-27MAR26-70000-C,option,BTC,2026-03-27T08:00:00Z,", "BTC-27MAR26-70000-C,option,BTC,,");
        InputErrorAssert.Fails(f, Instruments, 5, 4, "expiry: an option needs an expiry (ISO 8601 UTC, e.g. 2026-03-27T08:00:00Z)");
    }

    [Fact]
    public void FutureWithoutExpiry()
    {
        using var f = new ScenarioFixture();
        f.Replace(Instruments, "BTC-27MAR26,future,BTC,2026-03-27T08:00:00Z,", "BTC-27MAR26,future,BTC,,");
        InputErrorAssert.Fails(f, Instruments, 4, 4, "expiry: a future needs an expiry (ISO 8601 UTC, e.g. 2026-03-27T08:00:00Z)");
    }

    [Fact]
    public void OptionWithoutStrike()
    {
        using var f = new ScenarioFixture();
        f.Replace(Instruments, "2026-06-26T08:00:00Z,60000,put", "2026-06-26T08:00:00Z,,put");
        InputErrorAssert.Fails(f, Instruments, 6, 5, "strike: expected a positive strike in USD, got an empty cell");
    }

    [Theory]
    [InlineData("", "option_type: expected call or put, got an empty cell")]
    [InlineData("C", "option_type: expected call or put, got 'C'")]
    [InlineData("Call", "option_type: expected call or put, got 'Call'")]
    public void OptionWithoutValidOptionType(string optionType, string message)
    {
        using var f = new ScenarioFixture();
        f.Replace(Instruments, "70000,call,1", $"70000,{optionType},1");
        InputErrorAssert.Fails(f, Instruments, 5, 6, message);
    }

    [Theory]
    [InlineData("swap")]
    [InlineData("Perpetual")]
    public void UnknownKind(string kind)
    {
        using var f = new ScenarioFixture();
        f.Replace(Instruments, "BTC-PERPETUAL,perpetual,", $"BTC-PERPETUAL,{kind},");
        InputErrorAssert.Fails(f, Instruments, 3, 2, $"kind: expected one of cash, spot, future, perpetual, option, got '{kind}'");
    }

    [Theory]
    [InlineData("BTC-PERPETUAL,perpetual,BTC,,,,1", "BTC-PERPETUAL,perpetual,BTC,,70000,,1", 3, 5, "strike: applies only to options; leave it empty for a perpetual (got '70000')")]
    [InlineData("2026-03-27T08:00:00Z,,,1", "2026-03-27T08:00:00Z,,call,1", 4, 6, "option_type: applies only to options; leave it empty for a future (got 'call')")]
    [InlineData("ETH-PERPETUAL,perpetual,ETH,,,,1", "ETH-PERPETUAL,perpetual,ETH,2026-03-27T08:00:00Z,,,1", 7, 4, "expiry: only futures and options expire; leave it empty for a perpetual")]
    public void FieldThatDoesNotApplyToTheKind(string oldText, string newText, int line, int column, string message)
    {
        using var f = new ScenarioFixture();
        f.Replace(Instruments, oldText, newText);
        InputErrorAssert.Fails(f, Instruments, line, column, message);
    }

    [Fact]
    public void CashNotInUsd()
    {
        using var f = new ScenarioFixture();
        f.Replace(Instruments, "USD,cash,USD,", "USD,cash,EUR,");
        InputErrorAssert.Fails(f, Instruments, 2, 3, "underlying: cash must be in USD", "got 'EUR'");
    }

    [Fact]
    public void DuplicateInstrumentId()
    {
        using var f = new ScenarioFixture();
        f.Set(Instruments, DefaultInstruments + "BTC-PERPETUAL,perpetual,BTC,,,,10\n");
        InputErrorAssert.Fails(f, Instruments, 8, 1, "duplicate instrument_id 'BTC-PERPETUAL' (first defined on line 3)");
    }

    [Fact]
    public void OptionExpiredBeforeAsOf()
    {
        using var f = new ScenarioFixture();
        f.Replace(Instruments, "BTC-26JUN26-60000-P,option,BTC,2026-06-26T08:00:00Z", "BTC-26JUN26-60000-P,option,BTC,2026-01-30T08:00:00Z");
        InputErrorAssert.Fails(f, Instruments, 6, 4, "option 'BTC-26JUN26-60000-P' expired at 2026-01-30T08:00:00Z, before as_of 2026-02-05T09:36:47Z");
    }

    [Fact]
    public void FutureExpiredBeforeAsOf()
    {
        using var f = new ScenarioFixture();
        f.Replace(Instruments, "BTC-27MAR26,future,BTC,2026-03-27T08:00:00Z", "BTC-27MAR26,future,BTC,2026-01-30T08:00:00Z");
        InputErrorAssert.Fails(f, Instruments, 4, 4, "future 'BTC-27MAR26' expired at 2026-01-30T08:00:00Z, before as_of 2026-02-05T09:36:47Z");
    }

    [Fact]
    public void ExpiredInstrumentThatNobodyHoldsIsAccepted()
    {
        using var f = new ScenarioFixture();
        // instruments.csv may list more than the book holds (e.g. a whole exchange listing); only held ones must be live.
        f.Set(Instruments, DefaultInstruments + "BTC-30JAN26,future,BTC,2026-01-30T08:00:00Z,,,1\n");
        var r = f.Validate();
        Assert.True(r.ExitCode == StressMargin.Cli.ExitCodes.Success, r.Stderr);
    }
}
