using StressMargin.Tests.Support;

namespace StressMargin.Tests.BadInput;

/// <summary>
/// A tiny, valid, self-contained scenario in a scratch folder (USD cash, a BTC perpetual, one BTC future, two BTC
/// options, an ETH perpetual; three accounts; a two-expiry BTC vol surface; 2000 paths), which a test mutates in
/// exactly one place before running <c>run</c> or <c>validate</c> on it. Every file lives flat in the folder.
/// Line numbers quoted in the tests refer to the texts below (line 1 = the CSV header / the first YAML line).
/// </summary>
internal sealed class ScenarioFixture : IDisposable
{
    public const string Scenario = "scenario.yaml";
    public const string Instruments = "instruments.csv";
    public const string Positions = "positions.csv";
    public const string Spots = "spots.csv";
    public const string Forwards = "forwards.csv";
    public const string Vols = "vol_surface.csv";

    // Line numbers (for the tests' expected locations) are in the trailing comments.
    public const string DefaultScenario =
        "as_of: 2026-02-05T09:36:47Z\n" +                                        // 1
        "inputs:\n" +                                                             // 2
        "  instruments: instruments.csv\n" +                                      // 3
        "  positions: positions.csv\n" +                                          // 4
        "  spots: spots.csv\n" +                                                  // 5
        "  forwards: forwards.csv\n" +                                            // 6
        "  vol_surface: vol_surface.csv\n" +                                      // 7
        "simulation:\n" +                                                         // 8
        "  paths: 2000\n" +                                                       // 9
        "  seed: 7\n" +                                                           // 10
        "  horizon_days: 2\n" +                                                   // 11
        "  distribution: normal\n" +                                              // 12
        "risk_factors:\n" +                                                       // 13
        "  BTC: { spot_vol: atm, vol_of_vol: 1.0 }\n" +                           // 14
        "  ETH: { spot_vol: 0.75, vol_of_vol: 0.8 }\n" +                          // 15
        "correlation:\n" +                                                        // 16
        "  factors: [BTC.spot, ETH.spot, BTC.vol]\n" +                            // 17
        "  matrix: [[1, 0.9, -0.3], [0.9, 1, -0.25], [-0.3, -0.25, 1]]\n" +       // 18
        "margin:\n" +                                                             // 19
        "  es_confidence: 0.99\n" +                                               // 20
        "  var_confidence: 0.99\n" +                                              // 21
        "  mm_ratio: 0.8\n" +                                                     // 22
        "output:\n" +                                                             // 23
        "  dir: out\n";                                                           // 24

    public const string DefaultInstruments =
        "instrument_id,kind,underlying,expiry,strike,option_type,multiplier\n" +  // 1
        "USD,cash,USD,,,,1\n" +                                                   // 2
        "BTC-PERPETUAL,perpetual,BTC,,,,1\n" +                                    // 3
        "BTC-27MAR26,future,BTC,2026-03-27T08:00:00Z,,,1\n" +                     // 4
        "BTC-27MAR26-70000-C,option,BTC,2026-03-27T08:00:00Z,70000,call,1\n" +    // 5
        "BTC-26JUN26-60000-P,option,BTC,2026-06-26T08:00:00Z,60000,put,1\n" +     // 6
        "ETH-PERPETUAL,perpetual,ETH,,,,1\n";                                     // 7

    public const string DefaultPositions =
        "account_id,instrument_id,quantity\n" +                                   // 1
        "acct-1,BTC-26JUN26-60000-P,-2\n" +                                       // 2
        "acct-1,USD,40000\n" +                                                    // 3
        "acct-2,BTC-27MAR26-70000-C,3\n" +                                        // 4
        "acct-2,BTC-PERPETUAL,-1.5\n" +                                           // 5
        "acct-2,USD,20000\n" +                                                    // 6
        "acct-3,BTC-27MAR26,1\n" +                                                // 7
        "acct-3,ETH-PERPETUAL,-10\n" +                                            // 8
        "acct-3,USD,15000\n";                                                     // 9

    public const string DefaultSpots =
        "underlying,spot\n" +                                                     // 1
        "BTC,71000\n" +                                                           // 2
        "ETH,2100\n";                                                             // 3

    // Only BTC has forwards (ETH's forward then equals its spot).
    public const string DefaultForwards =
        "underlying,expiry,forward\n" +                                           // 1
        "BTC,2026-03-27T08:00:00Z,71600\n" +                                      // 2
        "BTC,2026-06-26T08:00:00Z,72900\n";                                       // 3

    public const string DefaultVols =
        "underlying,expiry,strike,implied_vol\n" +                                // 1
        "BTC,2026-03-27T08:00:00Z,60000,0.62\n" +                                 // 2
        "BTC,2026-03-27T08:00:00Z,70000,0.55\n" +                                 // 3
        "BTC,2026-03-27T08:00:00Z,80000,0.53\n" +                                 // 4
        "BTC,2026-06-26T08:00:00Z,60000,0.60\n" +                                 // 5
        "BTC,2026-06-26T08:00:00Z,70000,0.56\n" +                                 // 6
        "BTC,2026-06-26T08:00:00Z,80000,0.55\n";                                  // 7

    private readonly TempDir _dir = new();
    private readonly Dictionary<string, string?> _files = new(StringComparer.Ordinal)
    {
        [Scenario] = DefaultScenario,
        [Instruments] = DefaultInstruments,
        [Positions] = DefaultPositions,
        [Spots] = DefaultSpots,
        [Forwards] = DefaultForwards,
        [Vols] = DefaultVols,
    };

    /// <summary>The scratch folder.</summary>
    public string Dir => _dir.Path;

    /// <summary>The folder passed to <c>run --out</c> (also the scenario's output.dir).</summary>
    public string OutDir => _dir.File("out");

    /// <summary>Absolute path of a fixture file, as the engine reports it.</summary>
    public string PathOf(string name) => _dir.File(name);

    /// <summary>The current text of a file.</summary>
    public string Text(string name) => _files[name] ?? throw new InvalidOperationException($"{name} was deleted");

    /// <summary>Replaces the one occurrence of <paramref name="oldText"/> (it must occur exactly once, so the mutation is unambiguous).</summary>
    public ScenarioFixture Replace(string name, string oldText, string newText)
    {
        string text = Text(name);
        int at = text.IndexOf(oldText, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(oldText, at + 1, StringComparison.Ordinal) >= 0)
            throw new InvalidOperationException($"'{oldText}' must occur exactly once in {name}");
        _files[name] = string.Concat(text.AsSpan(0, at), newText, text.AsSpan(at + oldText.Length));
        return this;
    }

    /// <summary>Replaces the whole text of a file.</summary>
    public ScenarioFixture Set(string name, string text)
    {
        _files[name] = text;
        return this;
    }

    /// <summary>Leaves a file out of the folder.</summary>
    public ScenarioFixture Delete(string name)
    {
        _files[name] = null;
        return this;
    }

    /// <summary>Removes a column from a CSV (header and every record).</summary>
    public ScenarioFixture DropColumn(string name, string column)
    {
        var lines = Lines(name);
        int c = Array.IndexOf(lines[0], column);
        if (c < 0) throw new InvalidOperationException($"{name} has no column {column}");
        _files[name] = string.Concat(lines.Select(l => string.Join(",", l.Where((_, i) => i != c)) + "\n"));
        return this;
    }

    /// <summary>Appends a column to a CSV (header and every record).</summary>
    public ScenarioFixture AddColumn(string name, string column, string value)
    {
        var lines = Lines(name);
        _files[name] = string.Concat(lines.Select((l, i) => string.Join(",", l) + "," + (i == 0 ? column : value) + "\n"));
        return this;
    }

    /// <summary>Called after the files are written (e.g. to put a directory or a FIFO where a file should be); it must
    /// tolerate being called more than once.</summary>
    public Action<ScenarioFixture>? AfterWrite { get; set; }

    /// <summary>Writes the files and runs <c>stressmargin run SCENARIO --out OUT</c> plus extra arguments.</summary>
    public CliRunner.Result Run(params string[] extra)
    {
        Materialize();
        return CliRunner.Run(["run", PathOf(Scenario), "--out", OutDir, .. extra]);
    }

    /// <summary>Writes the files and runs <c>stressmargin validate SCENARIO</c>.</summary>
    public CliRunner.Result Validate()
    {
        Materialize();
        return CliRunner.Run("validate", PathOf(Scenario));
    }

    /// <summary>Every file and folder under <see cref="OutDir"/> (hidden temporaries included); empty when it does not exist.</summary>
    public string[] OutputEntries() =>
        Directory.Exists(OutDir) ? Directory.GetFileSystemEntries(OutDir, "*", SearchOption.AllDirectories) : [];

    public void Dispose() => _dir.Dispose();

    private string[][] Lines(string name) =>
        Text(name).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToArray();

    /// <summary>Writes the files into the folder (run and validate do it themselves).</summary>
    public void Materialize()
    {
        foreach (var (name, text) in _files)
        {
            if (text is null) { if (File.Exists(PathOf(name))) File.Delete(PathOf(name)); }
            else _dir.Write(name, text);
        }
        AfterWrite?.Invoke(this);
    }
}
