using StressMargin.Cli;
using StressMargin.Tests.BadInput;
using StressMargin.Tests.Support;
using static StressMargin.Tests.BadInput.ScenarioFixture;
using static StressMargin.Tests.Hostile.HostileCase;

namespace StressMargin.Tests.Hostile;

/// <summary>
/// A catalogue of hostile inputs of every kind — CSV files, the scenario YAML, stress files, price histories, Deribit
/// chains and the command line — that are well-formed but absurd (a vol of 55 meant as 55 %, a close mistyped ×10⁹),
/// are not regular files (a directory, a FIFO, <c>/dev/zero</c>), or are built to exhaust memory or the stack. Each
/// must give exit code 3 (6 for an unwritable output folder) with one error line at its <c>file:line:column</c>, and
/// leave no output.
/// </summary>
public class HostileInputCatalogue
{
    private const string Stress = "stress.yaml";
    private const string Quotes = "quotes.csv";
    private const string Chain = "chain.csv";

    private static Action<ScenarioFixture> Replace(string file, string oldText, string newText) => f => f.Replace(file, oldText, newText);

    private static Action<ScenarioFixture> WithStress(string yaml, params (string Name, string Text)[] data) => f =>
    {
        f.Replace(Scenario, "  mm_ratio: 0.8\n", "  mm_ratio: 0.8\n  stress: [stress.yaml]\n");
        f.Set(Stress, yaml);
        foreach (var (name, text) in data) f.Set(name, text);
    };

    private static Action<ScenarioFixture> WithQuotes(string rows) => f =>
    {
        f.Replace(Scenario, "  vol_surface: vol_surface.csv\n", "  vol_surface: vol_surface.csv\n  quotes: quotes.csv\n");
        f.Set(Quotes, "instrument_id,bid,ask\n" + rows);
    };

    /// <summary>Puts a directory, a FIFO or a symbolic link where a fixture file should be.</summary>
    private static Action<ScenarioFixture> Replaced(string file, string kind) => f =>
    {
        f.Delete(file);
        f.AfterWrite = g =>
        {
            string path = g.PathOf(file);
            switch (kind)
            {
                case "dir": Directory.CreateDirectory(path); break;
                case "fifo": Posix.MakeFifo(path); break;
                default: if (!File.Exists(path)) File.CreateSymbolicLink(path, kind); break;
            }
        };
    };

    private const string ChainHeader = "timestamp,instrument_name,underlying,underlying_name,option_type,strike,expiry_datetime,time_to_maturity,implied_volatility,currency,index_price\n";
    private const string ChainPut = "2026-02-05T09:36:47.412509+00:00,BTC-13FEB26-83000-P,71463.54,BTC-13FEB26,put,83000.0,2026-02-13T08:00:00+00:00,0.0217,0.5984,BTC,71441.49\n";
    private const string ChainCall = "2026-02-05T09:36:47.412509+00:00,BTC-13FEB26-83000-C,71463.54,BTC-13FEB26,call,83000.0,2026-02-13T08:00:00+00:00,0.0217,0.5984,BTC,71441.49\n";

    /// <summary>A Deribit import of a two-row chain whose second row has one cell replaced.</summary>
    private static HostileCase Import(int column, string value, params string[] phrases)
    {
        var cells = ChainCall.TrimEnd('\n').Split(',');
        cells[column - 1] = value;
        return ImportOf(ChainHeader + ChainPut + string.Join(",", cells) + "\n", 3, column, phrases);
    }

    private static HostileCase ImportOf(string chainText, int line, int column, params string[] phrases) =>
        new(Chain, line, column, phrases, f => f.Set(Chain, chainText))
        {
            Command = f => { f.Materialize(); return CliRunner.Run("import", "deribit", f.PathOf(Chain), "--out", f.OutDir); },
            MustNotExist = f => f.OutDir,
        };

    private static HostileCase ImportPath(string path, string file, params string[] phrases) =>
        new(file, 0, 0, phrases, _ => { })
        {
            Command = f => CliRunner.Run("import", "deribit", path.Replace("{dir}", f.Dir), "--out", f.OutDir),
            MustNotExist = f => f.OutDir,
        };

    private static HostileCase Verify(Action<string> prepare, string file, int line, params string[] phrases) =>
        new(file, line, 0, phrases, _ => { })
        {
            Command = f => { var dir = f.PathOf("done"); prepare(dir); return CliRunner.Run("verify", dir); },
        };

    private static string HistoryLine(ScenarioFixture f, int line) => f.Text(CalibratedFixture.History).Split('\n')[line - 1];

    private static readonly string DeepDir = "  dir: " + new string('[', 40) + "out" + new string(']', 40) + "\n";

    /// <summary>The catalogue, by name.</summary>
    internal static readonly IReadOnlyDictionary<string, HostileCase> Cases = new Dictionary<string, HostileCase>
    {
        // ---- CSV: absurd numbers --------------------------------------------------------------------------------
        ["spots: 1e300"] = new(Spots, 2, 2, ["spot: 1E+300 USD is outside the plausible"], Replace(Spots, "BTC,71000", "BTC,1e300")),
        ["spots: 1e-12"] = new(Spots, 3, 2, ["spot: 1E-12 USD is outside the plausible"], Replace(Spots, "ETH,2100", "ETH,1e-12")),
        ["forwards: 1,000x spot"] = new(Forwards, 2, 3, ["forward: 71600000 is 1,008× the spot 71000 at 50 days", "wrong underlying, or a typo?"], Replace(Forwards, "BTC,2026-03-27T08:00:00Z,71600", "BTC,2026-03-27T08:00:00Z,71600000")),
        ["forwards: 1/1,000 of spot"] = new(Forwards, 3, 3, ["forward: 72.9 is 1/974 of the spot 71000"], Replace(Forwards, "72900", "72.9")),
        ["forwards: +30 % at 7 weeks"] = new(Forwards, 2, 3, ["forward: 92300 is 1.3× the spot 71000", "more than the 10 % plus 100 % a year of carry"], Replace(Forwards, "71600", "92300")),
        ["vol_surface: 55 meant as 55 %"] = new(Vols, 3, 4, ["implied_vol: 55 is an annualized decimal vol of 5,500 %: did you mean 0.55?"], Replace(Vols, "70000,0.55", "70000,55")),
        ["vol_surface: 1e300"] = new(Vols, 4, 4, ["implied_vol: 1E+300 is an annualized decimal vol"], Replace(Vols, "80000,0.53", "80000,1e300")),
        ["vol_surface: strike 1,000x spot"] = new(Vols, 5, 3, ["strike: 60000000 is 845× the spot 71000", "within ×100 of spot"], Replace(Vols, "BTC,2026-06-26T08:00:00Z,60000,0.60", "BTC,2026-06-26T08:00:00Z,60000000,0.60")),
        ["instruments: held strike 100,000x spot"] = new(Instruments, 5, 5, ["strike: 7000000000 is 98,592× the spot 71000"], Replace(Instruments, "2026-03-27T08:00:00Z,70000,call", "2026-03-27T08:00:00Z,7000000000,call")),
        ["instruments: multiplier 1e20"] = new(Positions, 8, 3, ["account 'acct-3' holds -10 × ETH-PERPETUAL, a notional of 2.1E+24 USD", "a typo in the quantity or the multiplier?"], Replace(Instruments, "ETH-PERPETUAL,perpetual,ETH,,,,1", "ETH-PERPETUAL,perpetual,ETH,,,,1e20")),
        ["positions: cash 1e300"] = new(Positions, 3, 3, ["quantity: account 'acct-1' holds 1E+300 × USD"], Replace(Positions, "acct-1,USD,40000", "acct-1,USD,1e300")),
        ["positions: 1e12 perpetuals"] = new(Positions, 5, 3, ["holds -1000000000000 × BTC-PERPETUAL, a notional of 7.1E+16 USD"], Replace(Positions, "acct-2,BTC-PERPETUAL,-1.5", "acct-2,BTC-PERPETUAL,-1e12")),
        ["quotes: ask 1e300"] = new(Quotes, 2, 3, ["ask: 1E+300 USD for BTC-PERPETUAL is more than 2× the most it can be worth"], WithQuotes("BTC-PERPETUAL,70990,1e300\n")),
        ["quotes: put ask above the strike"] = new(Quotes, 2, 3, ["ask: 200000 USD for BTC-26JUN26-60000-P is more than 2×"], WithQuotes("BTC-26JUN26-60000-P,5000,200000\n")),
        // ---- CSV: shape and size --------------------------------------------------------------------------------
        ["spots: a 2 MiB record"] = new(Spots, 3, 0, ["record longer than 1,048,576 bytes"], Replace(Spots, "ETH,2100\n", "ETH," + new string('7', 2 << 20) + "\n")),
        ["spots: a 2 MiB header"] = new(Spots, 1, 0, ["record longer than 1,048,576 bytes"], f => f.Set(Spots, "underlying,spot" + string.Concat(Enumerable.Repeat(",spot", 1 << 19)) + "\nBTC,71000\n")),
        ["positions: an unclosed quote before 2 MiB of lines"] = new(Positions, 3, 0, ["record longer than 1,048,576 bytes"], Replace(Positions, "acct-1,USD,40000\n", "\"acct-1,USD,40000\n" + string.Concat(Enumerable.Repeat("acct-9,USD,1\n", 200_000)))),
        ["spots.csv is a directory"] = new(Spots, 0, 0, ["this path is a directory, not a file"], Replaced(Spots, "dir")),
        ["positions.csv is a FIFO"] = new(Positions, 0, 0, ["this path is a FIFO (named pipe), not a regular file"], Replaced(Positions, "fifo")),
        ["instruments.csv links to /dev/zero"] = new(Instruments, 0, 0, ["this path is a character device, not a regular file"], Replaced(Instruments, "/dev/zero")),
        ["inputs.vol_surface: /dev/zero"] = new("/dev/zero", 0, 0, ["this path is a character device"], Replace(Scenario, "  vol_surface: vol_surface.csv", "  vol_surface: /dev/zero")),
        ["inputs.forwards: /dev/null"] = new("/dev/null", 0, 0, ["this path is a character device"], Replace(Scenario, "  forwards: forwards.csv", "  forwards: /dev/null")),
        ["inputs.spots: the scenario's folder"] = new(".", 0, 0, ["this path is a directory, not a file"], Replace(Scenario, "  spots: spots.csv", "  spots: .")) { },
        // ---- price history ---------------------------------------------------------------------------------------
        ["history: a close mistyped x1e9"] = new(CalibratedFixture.History, CalibratedFixture.Line(1, 5), 2, ["BTC: 70000000000000 on 2026-01-05 is ×1,029,411,765 the previous close 68000 (2026-01-04)", "beyond ×10 or ÷10 is taken for a typo"], Replace(CalibratedFixture.History, "2026-01-05,70000,", "2026-01-05,70000000000000,")) { Calibrated = true },
        ["history: a close /100"] = new(CalibratedFixture.History, CalibratedFixture.Line(1, 5), 2, ["BTC: 700 on 2026-01-05 is ÷97.143 the previous close 68000"], Replace(CalibratedFixture.History, "2026-01-05,70000,", "2026-01-05,700,")) { Calibrated = true },
        ["history: the last ETH close x10,000"] = new(CalibratedFixture.History, CalibratedFixture.Line(2, 4), 3, ["ETH: 21400000 on 2026-02-04 is ×"], f => { var l = HistoryLine(f, CalibratedFixture.Line(2, 4)); f.Replace(CalibratedFixture.History, l + "\n", l[..(l.LastIndexOf(',') + 1)] + "21400000\n"); }) { Calibrated = true },
        ["history: a 2 MiB record"] = new(CalibratedFixture.History, CalibratedFixture.Line(1, 3), 0, ["record longer than"], f => { var l = HistoryLine(f, CalibratedFixture.Line(1, 3)); f.Replace(CalibratedFixture.History, l + "\n", l + new string('0', 2 << 20) + "\n"); }) { Calibrated = true },
        ["history is a directory"] = new(Scenario, 14, 12, ["history.csv is a directory, not a file"], Replaced(CalibratedFixture.History, "dir")) { Calibrated = true },
        ["history is a FIFO"] = new(Scenario, 14, 12, ["history.csv is a FIFO (named pipe)"], Replaced(CalibratedFixture.History, "fifo")) { Calibrated = true },
        ["history links to /dev/zero"] = new(Scenario, 14, 12, ["history.csv is a character device"], Replaced(CalibratedFixture.History, "/dev/zero")) { Calibrated = true },
        // ---- scenario YAML: absurd numbers ------------------------------------------------------------------------
        ["discount_rate: 5 meant as 5 %"] = new(Scenario, 12, 18, ["simulation.discount_rate is a decimal annual rate; 5 means 500 %: did you mean 0.05?"], Replace(Scenario, "  horizon_days: 2\n", "  horizon_days: 2\n  discount_rate: 5\n")),
        ["discount_rate: -3"] = new(Scenario, 12, 18, ["-3 means -300 %: did you mean -0.03?"], Replace(Scenario, "  horizon_days: 2\n", "  horizon_days: 2\n  discount_rate: -3\n")),
        ["discount_rate: 1e300"] = new(Scenario, 12, 18, ["simulation.discount_rate is a decimal annual rate", "at most 1"], Replace(Scenario, "  horizon_days: 2\n", "  horizon_days: 2\n  discount_rate: 1e300\n")),
        ["horizon_days: 1e300"] = new(Scenario, 11, 17, ["simulation.horizon_days is the margin period of risk in calendar days"], Replace(Scenario, "  horizon_days: 2", "  horizon_days: 1e300")),
        ["horizon_days: 400"] = new(Scenario, 11, 17, ["400 days is 1.1 years (at most 365 days"], Replace(Scenario, "  horizon_days: 2", "  horizon_days: 400")),
        ["spot_vol: 75 meant as 75 %"] = new(Scenario, 15, Col("  ETH: { spot_vol: 75, vol_of_vol: 0.8 }", "75"), ["risk_factors.ETH.spot_vol is an annualized decimal vol; 75 means 7,500 %: did you mean 0.75?"], Replace(Scenario, "spot_vol: 0.75", "spot_vol: 75")),
        ["vol_of_vol: 80 meant as 80 %"] = new(Scenario, 15, Col("  ETH: { spot_vol: 0.75, vol_of_vol: 80 }", "80"), ["risk_factors.ETH.vol_of_vol is an annualized decimal vol; 80 means 8,000 %: did you mean 0.8?"], Replace(Scenario, "vol_of_vol: 0.8 }", "vol_of_vol: 80 }")),
        ["es_confidence: 99 meant as 99 %"] = new(Scenario, 20, 18, ["margin.es_confidence is a probability, not a percentage; 99 means 9,900 %: did you mean 0.99?"], Replace(Scenario, "  es_confidence: 0.99", "  es_confidence: 99")),
        ["var_confidence: 97.5"] = new(Scenario, 21, 19, ["did you mean 0.975?"], Replace(Scenario, "  var_confidence: 0.99", "  var_confidence: 97.5")),
        ["default_spread: 5 meant as 5 %"] = new(Scenario, 23, Col("  addons: { liquidity: { default_spread: { BTC: 5 } } }", "5 }"), ["margin.addons.liquidity.default_spread.BTC is a bid–ask spread as a fraction of spot; 5 means 500 %: did you mean 0.05?"], Replace(Scenario, "  mm_ratio: 0.8\n", "  mm_ratio: 0.8\n  addons: { liquidity: { default_spread: { BTC: 5 } } }\n")),
        // ---- scenario YAML: shape, size, files --------------------------------------------------------------------
        ["YAML: tab indentation"] = new(Scenario, 10, 1, ["a tab character in the indentation; YAML indents with spaces only"], Replace(Scenario, "  seed: 7\n", "\tseed: 7\n")),
        ["YAML: tab after spaces"] = new(Scenario, 4, 3, ["a tab character in the indentation"], Replace(Scenario, "  positions: positions.csv", "  \tpositions: positions.csv")),
        ["YAML: collections nested 40 deep"] = new(Scenario, 24, 38, ["collections nested more than 32 deep"], Replace(Scenario, "  dir: out\n", DeepDir)),
        ["YAML: a 5,000-character value"] = new(Scenario, 24, 8, ["a value of 5,000 characters; values in a scenario or stress file are at most 4,096 characters"], Replace(Scenario, "  dir: out\n", "  dir: " + new string('x', 5000) + "\n")),
        ["YAML: a 100,000-character line"] = new(Scenario, 25, 0, ["line 25 is longer than 65,536 characters"], Replace(Scenario, "  dir: out\n", "  dir: out\n# " + new string('x', 100_000) + "\n")),
        ["YAML: 5 Mi characters of comments"] = new(Scenario, 24 + (4 << 20) / 1001, 0, ["the file is longer than 4,194,304 characters"], f => f.Set(Scenario, DefaultScenario.Replace("  dir: out\n", "  dir: out") + string.Concat(Enumerable.Repeat("\n#" + new string('x', 999), 5500)))),
        ["YAML: a NUL byte"] = new(Scenario, 10, 10, ["a NUL character: this is a binary file, not YAML text"], Replace(Scenario, "  seed: 7\n", "  seed: 7\0\n")),
        ["scenario is a directory"] = new(Scenario, 0, 0, ["this path is a directory, not a file"], Replaced(Scenario, "dir")),
        ["scenario is a FIFO"] = new(Scenario, 0, 0, ["this path is a FIFO (named pipe)"], Replaced(Scenario, "fifo")),
        ["scenario links to /dev/zero"] = new(Scenario, 0, 0, ["this path is a character device"], Replaced(Scenario, "/dev/zero")),
        // ---- stress files --------------------------------------------------------------------------------------
        ["stress: spot_move 30 meant as 30 %"] = new(Stress, 1, Col("scenarios: [{ name: x, moves: { \"*\": { spot_move: 30 } } }]", "30"), ["spot_move is a relative move; 30 means 3,000 %: did you mean 0.3?"], WithStress("scenarios: [{ name: x, moves: { \"*\": { spot_move: 30 } } }]\n")),
        ["stress: vol_shift 50 meant as 50 %"] = new(Stress, 1, Col("scenarios: [{ name: x, moves: { \"*\": { vol_shift: 50 } } }]", "50"), ["vol_shift is a relative vol shift; 50 multiplies vols by 51: did you mean 0.5?"], WithStress("scenarios: [{ name: x, moves: { \"*\": { vol_shift: 50 } } }]\n")),
        ["stress: shift 1e300"] = new(Stress, 1, Col("scenarios: [{ name: x, moves: { \"*\": { vol_shift: { shift: 1e300 } } } }]", "1e300"), ["shift is a relative vol shift"], WithStress("scenarios: [{ name: x, moves: { \"*\": { vol_shift: { shift: 1e300 } } } }]\n")),
        ["stress: min_vol 50"] = new(Stress, 1, Col("scenarios: [{ name: x, moves: { \"*\": { vol_shift: { shift: 0.5, min_vol: 50 } } } }]", "50 }"), ["min_vol is an annualized decimal vol; 50 means 5,000 %: did you mean 0.5?"], WithStress("scenarios: [{ name: x, moves: { \"*\": { vol_shift: { shift: 0.5, min_vol: 50 } } } }]\n")),
        ["stress: skew_tilt -30"] = new(Stress, 1, Col("scenarios: [{ name: x, moves: { \"*\": { skew_tilt: -30 } } }]", "-30"), ["skew_tilt is the vol change per unit of log-moneyness"], WithStress("scenarios: [{ name: x, moves: { \"*\": { skew_tilt: -30 } } }]\n")),
        ["stress: term_scaling power 30"] = new(Stress, 1, Col("scenarios: [{ name: x, moves: { \"*\": { vol_shift: { shift: 0.5, term_scaling: { short_power: 30 } } } } }]", "30 }"), ["short_power is the exponent"], WithStress("scenarios: [{ name: x, moves: { \"*\": { vol_shift: { shift: 0.5, term_scaling: { short_power: 30 } } } } }]\n")),
        ["stress: moves only XRP"] = new(Stress, 1, 13, ["stress scenario 'x' moves only 'XRP', which the book does not hold (it holds BTC, ETH)", "has no effect"], WithStress("scenarios: [{ name: x, moves: { XRP: { spot_move: -0.3 } } }]\n")),
        ["stress: moves BCT (a typo)"] = new(Stress, 1, 13, ["moves only 'BCT', which the book does not hold (it holds BTC, ETH): did you mean 'BTC'?"], WithStress("scenarios: [{ name: x, moves: { BCT: { spot_move: -0.3 } } }]\n")),
        ["stress: grid on XRP only"] = new(Stress, 1, 7, ["stress scenario 'grid/spot-10%/vol-none' moves only 'XRP'"], WithStress("grid: { spot: [-0.1, 0.1, 3], underlyings: [XRP] }\n")),
        ["stress: SPAN on ETJ (a typo)"] = new(Stress, 1, 7, ["moves only 'ETJ'", "did you mean 'ETH'?"], WithStress("span: { price_scan_range: 0.16, vol_scan_range: 0.25, underlyings: [ETJ] }\n")),
        ["stress: grid spot +3,000 %"] = new(Stress, 1, Col("grid: { spot: [-0.1, 30, 3] }", "30"), ["grid spot move is a relative move; 30 means 3,000 %"], WithStress("grid: { spot: [-0.1, 30, 3] }\n")),
        ["stress: SPAN extreme_multiple 100"] = new(Stress, 1, Col("span: { price_scan_range: 0.16, vol_scan_range: 0.25, extreme_multiple: 100 }", "100"), ["extreme_multiple is a multiple of the price scan range; at most 10"], WithStress("span: { price_scan_range: 0.16, vol_scan_range: 0.25, extreme_multiple: 100 }\n")),
        ["stress: replay forward 1,000x spot"] = new("late-fwd.csv", 2, 3, ["forward: 64000000 is 1,000× the spot 64000"], WithStress("surface: { name: late, as_of: 2026-02-05T21:29:37Z, spots: late-spots.csv, forwards: late-fwd.csv, vol_surface: vol_surface.csv }\n",
            ("late-spots.csv", "underlying,spot\nBTC,64000\nETH,1900\n"), ("late-fwd.csv", "underlying,expiry,forward\nBTC,2026-03-27T08:00:00Z,64000000\n"))),
        ["stress: replay vol 62 meant as 62 %"] = new("late-vols.csv", 2, 4, ["implied_vol: 62 is an annualized decimal vol of 6,200 %: did you mean 0.62?"], WithStress("surface: { name: late, as_of: 2026-02-05T21:29:37Z, spots: late-spots.csv, vol_surface: late-vols.csv }\n",
            ("late-spots.csv", "underlying,spot\nBTC,64000\nETH,1900\n"), ("late-vols.csv", "underlying,expiry,strike,implied_vol\nBTC,2026-03-27T08:00:00Z,70000,62\n"))),
        ["stress: historical replay of a mistyped close"] = new("hist.csv", 3, 2, ["BTC: 70000000000 on 2026-01-05 is ×1,000,000 the previous close 70000"], WithStress("historical: { name: h, prices: hist.csv, dates: [2026-01-05] }\n",
            ("hist.csv", "date,BTC,ETH\n2026-01-04,70000,2100\n2026-01-05,70000000000,2100\n"))),
        ["stress file is a directory"] = new(Scenario, 23, 12, ["stress.yaml is a directory, not a file"], f => { WithStress("")(f); Replaced(Stress, "dir")(f); }),
        ["stress file is /dev/zero"] = new(Scenario, 23, 12, ["/dev/zero is a character device, not a regular file"], f => { f.Replace(Scenario, "  mm_ratio: 0.8\n", "  mm_ratio: 0.8\n  stress: [/dev/zero]\n"); }),
        ["stress file is a FIFO"] = new(Scenario, 23, 12, ["stress.yaml is a FIFO (named pipe)"], f => { WithStress("")(f); Replaced(Stress, "fifo")(f); }),
        // ---- Deribit chains (import deribit) -------------------------------------------------------------------
        ["chain: implied_volatility in percent"] = Import(9, "59.84", "implied_volatility: 59.84 is an annualized decimal vol of 5,984 %: did you mean 0.5984?"),
        ["chain: underlying 1,000x the index"] = Import(3, "71463540", "underlying: 71463540 is 1,000× the spot 71441.49"),
        ["chain: index_price 1e300"] = Import(11, "1e300", "index_price: 1E+300 USD is outside the plausible"),
        ["chain: strike 1,000x the index"] = Import(6, "83000000", "strike: 83000000 is 1,162× the spot 71441.49"),
        ["chain: time_to_maturity of 2 years for an 8-day option"] = Import(8, "2.17", "time_to_maturity: 2.17 years is 792.59 days, but the row's timestamp is 7.93 days before its expiry_datetime"),
        ["chain: a 2 MiB record"] = ImportOf(ChainHeader + ChainPut + ChainCall.TrimEnd('\n') + new string('9', 2 << 20) + "\n", 3, 0, "record longer than 1,048,576 bytes"),
        ["chain is a directory"] = ImportPath("{dir}", ".", "this path is a directory, not a file"),
        ["chain is /dev/zero"] = ImportPath("/dev/zero", "/dev/zero", "this path is a character device"),
        // ---- command line --------------------------------------------------------------------------------------
        ["run: the scenario argument is /dev/zero"] = new("/dev/zero", 0, 0, ["this path is a character device"], _ => { }) { Command = f => CliRunner.Run("run", "/dev/zero", "--out", f.OutDir) },
        ["validate: the scenario argument is a directory"] = new(".", 0, 0, ["this path is a directory, not a file"], _ => { }) { Command = f => CliRunner.Run("validate", f.Dir) },
        ["run: --out below a file"] = new(Scenario, 0, 0, ["error: output: cannot create the output folder", "is a file, not a folder"], f => f.Set("plain", "a file")) { ExitCode = ExitCodes.OutputError, Command = f => { f.Materialize(); return CliRunner.Run("run", f.PathOf(Scenario), "--out", f.PathOf("plain/out")); } },
        ["import: --out below a file"] = new(Chain, 0, 0, ["error: output: cannot create the output folder", "is a file, not a folder"], f => { f.Set("plain", "a file"); f.Set(Chain, ChainHeader + ChainPut); }) { ExitCode = ExitCodes.OutputError, Command = f => { f.Materialize(); return CliRunner.Run("import", "deribit", f.PathOf(Chain), "--out", f.PathOf("plain/market")); } },
        ["backtest: --history is a directory"] = new(".", 0, 0, ["this path is a directory, not a file"], _ => { }) { Calibrated = true, Command = f => { f.Materialize(); return CliRunner.Run("backtest", f.PathOf(Scenario), "--from", "2026-01-20", "--to", "2026-01-25", "--history", f.Dir, "--out", f.OutDir); } },
        ["verify: a missing folder"] = Verify(_ => { }, "done", 0, "folder not found"),
        ["verify: a file"] = Verify(d => File.WriteAllText(d, "x"), "done", 0, "this path is a file; expected an output folder"),
        ["verify: a folder without a manifest"] = Verify(d => Directory.CreateDirectory(d), "done", 0, "no manifest in the folder"),
        ["verify: a manifest that is not JSON"] = Verify(d => { Directory.CreateDirectory(d); File.WriteAllText(Path.Combine(d, "manifest.json"), "{\n  \"outputs\": [\n  oops\n"); }, "done/manifest.json", 3, "not valid JSON"),
        ["verify: a manifest without outputs"] = Verify(d => { Directory.CreateDirectory(d); File.WriteAllText(Path.Combine(d, "manifest.json"), "{ \"tool\": {} }"); }, "done/manifest.json", 0, "the manifest has no 'outputs' list"),
        ["verify: an outputs entry naming a path outside the folder"] = Verify(d => { Directory.CreateDirectory(d); File.WriteAllText(Path.Combine(d, "manifest.json"), "{ \"outputs\": [ { \"file\": \"../etc/passwd\", \"bytes\": 1, \"sha256\": \"00\" } ] }"); }, "done/manifest.json", 0, "which is not a file name in the folder"),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Fact]
    public void TheCatalogueHasAtLeastSixtyCases() => Assert.True(Cases.Count >= 60, $"{Cases.Count} cases");

    [Theory]
    [MemberData(nameof(Names))]
    public void HostileInputIsAClearErrorAndWritesNothing(string name) => Cases[name].Check();
}
