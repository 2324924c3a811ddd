using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.InteropServices;
using Spectre.Console;
using StressMargin.Cli.Commands;
using StressMargin.Compute;
using StressMargin.Core;
using StressMargin.Engine;
using StressMargin.IO;
using StressMargin.IO.Output;
using StressMargin.IO.Scenario;

namespace StressMargin.Cli;

/// <summary>The <c>stressmargin</c> command line (System.CommandLine): <c>run</c>, <c>stress</c>, <c>validate</c>,
/// <c>calibrate</c>, <c>backtest</c>, <c>import deribit</c>, <c>devices</c>, <c>compare</c>, <c>merge</c>, <c>verify</c>, <c>whatif</c>,
/// <c>serve</c>, <c>report compare</c>, <c>explain</c>.</summary>
public static class Cli
{
    /// <summary>Process entry point.</summary>
    /// <param name="args">Arguments.</param>
    /// <returns>Exit code (<see cref="ExitCodes"/>).</returns>
    public static int Main(string[] args)
    {
        // Ctrl-C and SIGTERM cancel the run: it stops, deletes its temporaries and writes nothing (exit 130 or 143).
        using var cts = new CancellationTokenSource();
        PosixSignal? received = null;
        void Cancel(PosixSignalContext c)
        {
            c.Cancel = true;
            received ??= c.Signal;
            cts.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        bool interactive = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null;
        int code = Run(args, Console.Out, Console.Error, interactive, cts.Token);
        return code == ExitCodes.Cancelled && received == PosixSignal.SIGTERM ? ExitCodes.Terminated : code;
    }

    /// <summary>Runs a command line with explicit writers (used by <see cref="Main"/> and by the tests).</summary>
    /// <param name="args">Arguments.</param>
    /// <param name="stdout">Results.</param>
    /// <param name="stderr">Logs, progress and errors.</param>
    /// <param name="interactive">Draw progress bars (only for a terminal).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false, CancellationToken cancellationToken = default)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!interactive) console.Profile.Width = 160;
        var ctx = new CommandContext(console, stderr, interactive);
        int exit = ExitCodes.Success;

        var scenarioArg = new Argument<string>("scenario") { Description = "Scenario file (YAML); relative paths inside it resolve against its folder." };
        var outOption = new Option<string?>("--out") { Description = "Output folder (overrides output.dir)." };
        var pathsOption = new Option<int?>("--paths") { Description = "Number of Monte Carlo paths (overrides simulation.paths).", CustomParser = WholeNumber<int>(int.TryParse, "a positive whole number (at most 2147483647)") };
        var seedOption = new Option<ulong?>("--seed") { Description = "Philox seed (overrides simulation.seed).", CustomParser = WholeNumber<ulong>(ulong.TryParse, "a whole number between 0 and 18446744073709551615") };
        var deviceOption = new Option<string>("--device") { Description = "Compute device: auto (CUDA when it works, else the CPU), cpu, ilgpu-cpu (the GPU kernels on ILGPU's CPU accelerator), cuda or cuda:N.", DefaultValueFactory = _ => "auto" };
        deviceOption.Validators.Add(r =>
        {
            string value = r.GetValueOrDefault<string>() ?? "";
            if (!BackendSelector.IsValid(value)) r.AddError($"--device: expected auto, cpu, ilgpu-cpu, cuda or cuda:N (N a device number from 'stressmargin devices'), got '{value}'");
        });
        var precisionOption = new Option<string>("--precision") { Description = "Black-76 arithmetic of the GPU kernels: double (default; the CPU's results) or single.", DefaultValueFactory = _ => "double" };
        precisionOption.AcceptOnlyFromAmong("double", "single");
        var failOnLiquidation = new Option<bool>("--fail-on-liquidation") { Description = $"Exit with code {ExitCodes.Liquidation} (after writing the outputs) when any account is in liquidation." };
        var noReport = new Option<bool>("--no-report") { Description = "Do not write report.html (the HTML report of the run)." };
        var threadsOption = new Option<int?>("--threads") { Description = "CPU worker threads (default: every logical core).", CustomParser = WholeNumber<int>(int.TryParse, "a positive whole number (at most 2147483647)") };
        var shardOption = new Option<string?>("--shard") { Description = "Simulate only path shard i of N (i/N, 0 ≤ i < N) and write its partial result for 'stressmargin merge'." };
        shardOption.Validators.Add(r =>
        {
            string? value = r.GetValueOrDefault<string?>();
            if (value is not null && !ShardCommand.TryParse(value, out _, out _)) r.AddError($"--shard: expected i/N with 0 ≤ i < N, such as 0/4, got '{value}'");
        });

        var waitLockOption = new Option<bool>("--wait-lock") { Description = "When another run is writing into the same output folder, wait for it instead of failing." };

        var run = new Command("run", "Simulate, revalue and compute ES-based margin for every account; writes margin.csv, attribution.csv, manifest.json.")
        {
            scenarioArg, outOption, pathsOption, seedOption, deviceOption, threadsOption, precisionOption, failOnLiquidation, shardOption, waitLockOption, noReport,
        };
        run.SetAction(r =>
        {
            int? paths = r.GetValue(pathsOption);
            if (paths is <= 0 or > ScenarioReader.MaxPaths) throw new UsageException($"--paths must be a whole number between 1 and {ScenarioReader.MaxPaths:N0}, got {paths}");
            int? threads = r.GetValue(threadsOption);
            if (threads is <= 0) throw new UsageException($"--threads must be a positive whole number, got {threads}");
            string? outDir = r.GetValue(outOption);
            if (outDir is not null && File.Exists(outDir)) throw new UsageException($"--out '{outDir}' is a file; expected a folder (created if missing)");
            var precision = r.GetValue(precisionOption) == "single" ? GpuPrecision.Single : GpuPrecision.Double;
            if (precision == GpuPrecision.Single && r.GetValue(deviceOption) == "cpu") throw new UsageException("--precision single needs a GPU backend (--device cuda, cuda:N, ilgpu-cpu or auto); the CPU backend computes in double precision");
            var overrides = new RunOverrides(paths, r.GetValue(seedOption), outDir);
            if (r.GetValue(shardOption) is { } shard && ShardCommand.TryParse(shard, out int index, out int count))
            {
                if (r.GetValue(failOnLiquidation)) throw new UsageException("--fail-on-liquidation applies to the merged run ('stressmargin merge'), not to a shard");
                exit = ShardCommand.Execute(ctx, r.GetValue(scenarioArg)!, overrides, r.GetValue(deviceOption)!, threads, index, count, precision, cancellationToken);
                return;
            }
            exit = RunCommand.Execute(ctx, r.GetValue(scenarioArg)!, overrides, r.GetValue(deviceOption)!, threads, r.GetValue(failOnLiquidation), cancellationToken, precision, r.GetValue(waitLockOption), !r.GetValue(noReport));
        });

        var stressArg = new Argument<string>("scenario") { Description = "Scenario file (YAML) whose margin.stress names stress files." };
        var stressOut = new Option<string?>("--out") { Description = "Output folder (overrides output.dir)." };
        var stress = new Command("stress", "Evaluate only the deterministic stress scenarios (no simulation); writes stress.csv.") { stressArg, stressOut };
        stress.SetAction(r =>
        {
            string? dir = r.GetValue(stressOut);
            if (dir is not null && File.Exists(dir)) throw new UsageException($"--out '{dir}' is a file; expected a folder (created if missing)");
            exit = StressCommand.Execute(ctx, r.GetValue(stressArg)!, dir);
        });

        var validateArg = new Argument<string>("scenario") { Description = "Scenario file (YAML)." };
        var validate = new Command("validate", "Check the scenario and every input file without simulating.") { validateArg };
        validate.SetAction(r => { exit = ValidateCommand.Execute(ctx, r.GetValue(validateArg)!); });

        var chainArg = new Argument<string>("chain") { Description = "Deribit option-chain snapshot CSV (deribit_options_snapshot_*.csv layout)." };
        var importOut = new Option<string>("--out") { Description = "Folder for instruments.csv, spots.csv, forwards.csv, vol_surface.csv.", Required = true };
        var deribit = new Command("deribit", "Convert a Deribit option-chain snapshot into instruments and market data files.") { chainArg, importOut };
        deribit.SetAction(r => { exit = ImportCommand.ExecuteDeribit(ctx, r.GetValue(chainArg)!, r.GetValue(importOut)!); });
        var import = new Command("import", "Convert exchange data into the engine's input files.") { deribit };

        var calibrateArg = new Argument<string>("scenario") { Description = "Scenario file (YAML) with a calibration block." };
        var calibrateOut = new Option<string?>("--out") { Description = "Output folder (overrides output.dir)." };
        var calibrateNoReport = new Option<bool>("--no-report") { Description = "Do not write calibration-report.html." };
        var calibrate = new Command("calibrate", "Estimate the risk model from the scenario's price history; prints it and writes calibration.csv, calibration.json.") { calibrateArg, calibrateOut, calibrateNoReport };
        calibrate.SetAction(r =>
        {
            string? outDir = r.GetValue(calibrateOut);
            if (outDir is not null && File.Exists(outDir)) throw new UsageException($"--out '{outDir}' is a file; expected a folder (created if missing)");
            exit = CalibrateCommand.Execute(ctx, r.GetValue(calibrateArg)!, outDir, !r.GetValue(calibrateNoReport));
        });

        var backtestArg = new Argument<string>("scenario") { Description = "Scenario file (YAML): the book, the model and the margin settings." };
        var historyOption = new Option<string?>("--history") { Description = "Daily price history CSV (default: the scenario's calibration.history)." };
        var fromOption = new Option<DateOnly>("--from") { Description = "First backtest date (yyyy-MM-dd).", Required = true, CustomParser = Date };
        var toOption = new Option<DateOnly>("--to") { Description = "Last backtest date (yyyy-MM-dd).", Required = true, CustomParser = Date };
        var backtestOut = new Option<string?>("--out") { Description = "Output folder (overrides output.dir)." };
        var backtestPaths = new Option<int?>("--paths") { Description = $"Monte Carlo paths per date (default {Engine.Backtest.BacktestSettings.DefaultPaths:N0}).", CustomParser = WholeNumber<int>(int.TryParse, "a positive whole number (at most 2147483647)") };
        var backtestSeed = new Option<ulong?>("--seed") { Description = "Philox seed (overrides simulation.seed; the same on every date).", CustomParser = WholeNumber<ulong>(ulong.TryParse, "a whole number between 0 and 18446744073709551615") };
        var backtestThreads = new Option<int?>("--threads") { Description = "CPU worker threads (default: every logical core).", CustomParser = WholeNumber<int>(int.TryParse, "a positive whole number (at most 2147483647)") };
        var backtestNoReport = new Option<bool>("--no-report") { Description = "Do not write backtest-report.html." };
        var backtest = new Command("backtest", "Margin a fixed book on every date of a window with the model calibrated up to that date; test IM and VaR against realized losses (Kupiec, Christoffersen); writes backtest.csv, backtest_daily.csv, backtest.json.")
        {
            backtestArg, historyOption, fromOption, toOption, backtestOut, backtestPaths, backtestSeed, backtestThreads, backtestNoReport,
        };
        backtest.SetAction(r =>
        {
            int? paths = r.GetValue(backtestPaths);
            if (paths is <= 0 or > ScenarioReader.MaxPaths) throw new UsageException($"--paths must be a whole number between 1 and {ScenarioReader.MaxPaths:N0}, got {paths}");
            int? threads = r.GetValue(backtestThreads);
            if (threads is <= 0) throw new UsageException($"--threads must be a positive whole number, got {threads}");
            var (from, to) = (r.GetValue(fromOption), r.GetValue(toOption));
            if (to < from) throw new UsageException($"--to {to:yyyy-MM-dd} is before --from {from:yyyy-MM-dd}");
            string? outDir = r.GetValue(backtestOut);
            if (outDir is not null && File.Exists(outDir)) throw new UsageException($"--out '{outDir}' is a file; expected a folder (created if missing)");
            var settings = new Engine.Backtest.BacktestSettings(r.GetValue(backtestArg)!, r.GetValue(historyOption), from, to,
                paths ?? Engine.Backtest.BacktestSettings.DefaultPaths, r.GetValue(backtestSeed), outDir);
            exit = BacktestCommand.Execute(ctx, settings, threads, cancellationToken, !r.GetValue(backtestNoReport));
        });

        var devices = DevicesCommand.Create(ctx, code => exit = code);
        var compare = CompareCommand.Create(ctx, code => exit = code);
        var merge = MergeCommand.Create(ctx, code => exit = code, deviceOption, threadsOption, cancellationToken);
        var verify = VerifyCommand.Create(ctx, code => exit = code);
        var whatif = WhatIfCommand.Create(ctx, code => exit = code, cancellationToken);
        var serve = ServeCommand.Create(ctx, code => exit = code, cancellationToken);
        var report = ReportCommand.Create(ctx, code => exit = code);
        var explain = ExplainCommand.Create(ctx, code => exit = code, cancellationToken);

        var root = new RootCommand("StressMargin: Monte Carlo Expected-Shortfall margin for derivatives portfolios.") { run, stress, validate, calibrate, backtest, import, devices, compare, merge, verify, whatif, serve, report, explain };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // "Required command was not provided" only confuses when the real problem is an unrecognized command.
            var errors = parse.Errors.Select(e => e.Message).ToList();
            if (errors.Count > 1 && errors.Any(m => m.StartsWith("Unrecognized command", StringComparison.Ordinal)))
                errors.RemoveAll(m => m.StartsWith("Required command", StringComparison.Ordinal));
            foreach (var e in errors) stderr.WriteLine($"error: {e}");
            WriteUsage(stderr);
            return ExitCodes.Usage;
        }
        try
        {
            try
            {
                int code = parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
                return code != 0 ? code : exit;
            }
            catch (AggregateException e) when (e.Flatten().InnerExceptions.Count == 1)
            {
                // A failure inside a Parallel.For: report the exception itself, not its wrapper.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.Flatten().InnerExceptions[0]);
                throw;
            }
        }
        catch (InputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            WriteUsage(stderr);
            return ExitCodes.Usage;
        }
        catch (GpuUnavailableException e)
        {
            stderr.WriteLine($"error: GPU backend unavailable: {e.Message}");
            return ExitCodes.InternalError;
        }
        catch (OutputLockedException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.OutputLocked;
        }
        catch (OutputException e)
        {
            stderr.WriteLine($"error: output: {e.Message}");
            return ExitCodes.OutputError;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled; no output written");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            stderr.WriteLine(e.StackTrace);
            return ExitCodes.InternalError;
        }
    }

    private static void WriteUsage(TextWriter stderr)
    {
        stderr.WriteLine("usage: stressmargin run SCENARIO.yaml [--out DIR] [--paths N] [--seed N] [--device auto|cpu|ilgpu-cpu|cuda|cuda:N] [--precision double|single] [--threads N] [--fail-on-liquidation] [--wait-lock] [--shard i/N] [--no-report]");
        stderr.WriteLine("       stressmargin stress SCENARIO.yaml [--out DIR]");
        stderr.WriteLine("       stressmargin validate SCENARIO.yaml");
        stderr.WriteLine("       stressmargin calibrate SCENARIO.yaml [--out DIR] [--no-report]");
        stderr.WriteLine("       stressmargin backtest SCENARIO.yaml --from DATE --to DATE [--history FILE] [--out DIR] [--paths N] [--seed N] [--threads N] [--no-report]");
        stderr.WriteLine("       stressmargin import deribit CHAIN.csv --out DIR");
        stderr.WriteLine("       stressmargin devices [--output text|json]");
        stderr.WriteLine("       stressmargin compare DIR_A DIR_B [--rel-tol X] [--abs-tol X]");
        stderr.WriteLine("       stressmargin merge SHARD_DIR... [--out DIR] [--device D] [--threads N]");
        stderr.WriteLine("       stressmargin verify DIR");
        stderr.WriteLine("       stressmargin whatif SCENARIO.yaml --account A [--trade INSTRUMENT:QUANTITY ...] [--output text|json] [--paths N] [--seed N] [--threads N]");
        stderr.WriteLine("       stressmargin serve SCENARIO.yaml [--urls URL[,URL...]] [--token TOKEN] [--max-body-bytes N] [--paths N] [--seed N] [--threads N]");
        stderr.WriteLine("       stressmargin report compare DIR_A DIR_B [--out FILE]");
        stderr.WriteLine("       stressmargin explain SCENARIO.yaml ACCOUNT [--out DIR] [--paths N] [--seed N] [--threads N]");
        stderr.WriteLine("       stressmargin COMMAND --help   for details");
    }

    internal delegate bool TryParse<T>(string text, NumberStyles style, IFormatProvider provider, out T value);

    /// <summary>Checks <c>--paths</c> and <c>--threads</c> values as <c>run</c> does.</summary>
    /// <exception cref="UsageException">Out of range.</exception>
    internal static void CheckPathsAndThreads(int? paths, int? threads)
    {
        if (paths is <= 0 or > ScenarioReader.MaxPaths) throw new UsageException($"--paths must be a whole number between 1 and {ScenarioReader.MaxPaths:N0}, got {paths}");
        if (threads is <= 0) throw new UsageException($"--threads must be a positive whole number, got {threads}");
    }

    /// <summary><c>--paths N</c> (overrides simulation.paths), as <c>run</c> has it.</summary>
    internal static Option<int?> PathsOption() => new("--paths") { Description = "Number of Monte Carlo paths (overrides simulation.paths).", CustomParser = WholeNumber<int>(int.TryParse, "a positive whole number (at most 2147483647)") };

    /// <summary><c>--seed N</c> (overrides simulation.seed), as <c>run</c> has it.</summary>
    internal static Option<ulong?> SeedOption() => new("--seed") { Description = "Philox seed (overrides simulation.seed).", CustomParser = WholeNumber<ulong>(ulong.TryParse, "a whole number between 0 and 18446744073709551615") };

    /// <summary><c>--threads N</c>, as <c>run</c> has it.</summary>
    internal static Option<int?> ThreadsOption() => new("--threads") { Description = "CPU worker threads (default: every logical core).", CustomParser = WholeNumber<int>(int.TryParse, "a positive whole number (at most 2147483647)") };

    /// <summary>Parses a <c>yyyy-MM-dd</c> option value ("--from: expected a date such as 2020-01-01, got 'x'").</summary>
    private static DateOnly Date(ArgumentResult r)
    {
        string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (IsoTime.TryParseDate(text, out var date)) return date;
        r.AddError($"{(r.Parent as OptionResult)?.Option.Name ?? "option"}: expected a date such as 2020-01-01 (yyyy-MM-dd), got '{text}'");
        return default;
    }

    /// <summary>
    /// Parses a whole-number option value, reporting "--paths: expected a positive whole number …, got 'abc'" instead
    /// of System.CommandLine's message, which names the CLR type (System.Nullable`1[System.Int32]).
    /// </summary>
    internal static Func<ArgumentResult, T?> WholeNumber<T>(TryParse<T> parse, string expected) where T : struct => r =>
    {
        string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out T value)) return value;
        string name = (r.Parent as OptionResult)?.Option.Name ?? "option";
        r.AddError($"{name}: expected {expected}, got '{text}'");
        return null;
    };

    /// <summary>A command-line mistake found after parsing (exit code 2).</summary>
    /// <param name="message">What is wrong.</param>
    internal sealed class UsageException(string message) : Exception(message);
}
