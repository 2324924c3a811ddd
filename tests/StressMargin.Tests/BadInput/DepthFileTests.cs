using static StressMargin.Tests.BadInput.ScenarioFixture;

namespace StressMargin.Tests.BadInput;

/// <summary>Bad rows in <c>depth.csv</c> (one file or a list of them) name the file, line and column.</summary>
public class DepthFileTests
{
    private const string Depth = "depth.csv", Depth2 = "depth2.csv";
    private const string Header = "instrument_id,open_interest,volume_24h\n";

    private static ScenarioFixture With(string inputs, params (string Name, string Text)[] files)
    {
        var f = new ScenarioFixture();
        foreach (var (name, text) in files) f.Set(name, text);
        return f.Replace(Scenario, "  vol_surface: vol_surface.csv\n", $"  vol_surface: vol_surface.csv\n  depth: {inputs}\n");
    }

    [Fact]
    public void UnknownInstrument()
    {
        using var f = With(Depth, (Depth, Header + "BTC-PERPETUAL,,100\nBTC-NOPE,5,1\n"));
        InputErrorAssert.Fails(f, Depth, 3, 1, "unknown instrument 'BTC-NOPE'");
    }

    [Fact]
    public void NegativeVolume()
    {
        using var f = With(Depth, (Depth, Header + "BTC-PERPETUAL,,-100\n"));
        InputErrorAssert.Fails(f, Depth, 2, 3, "volume_24h: expected a non-negative number of contracts", "got '-100'");
    }

    [Fact]
    public void RowWithNeitherValue()
    {
        using var f = With(Depth, (Depth, Header + "BTC-PERPETUAL,,\n"));
        InputErrorAssert.Fails(f, Depth, 2, 2, "neither open_interest nor volume_24h");
    }

    [Fact]
    public void InstrumentInTwoFilesOfTheList()
    {
        using var f = With($"[{Depth}, {Depth2}]", (Depth, Header + "BTC-PERPETUAL,,100\n"), (Depth2, Header + "BTC-27MAR26,,10\nBTC-PERPETUAL,3,\n"));
        string message = InputErrorAssert.Fails(f, Depth2, 3, 1, "duplicate depth for 'BTC-PERPETUAL'");
        Assert.Contains($"{f.PathOf(Depth)}:2", message);
    }

    [Fact]
    public void AListOfGoodFilesLoads()
    {
        // Guards the tests above: the same fixture with valid depth files runs.
        using var f = With($"[{Depth}, {Depth2}]", (Depth, Header + "BTC-PERPETUAL,,100\n"), (Depth2, Header + "BTC-27MAR26,40,\n"));
        var r = f.Run();
        Assert.True(r.ExitCode == 0, r.Stderr);
    }
}
