using System.CommandLine;
using System.Globalization;
using StressMargin.IO.Output;

namespace StressMargin.Cli.Commands;

/// <summary>
/// <c>stressmargin compare DIR_A DIR_B [--rel-tol X] [--abs-tol X]</c>: compares two runs' margin.csv and
/// attribution.csv (and stress.csv when present) row by row (<see cref="OutputComparer"/>), prints each run's backend and the worst differences, and
/// exits 0 when every number agrees within the tolerance and every text cell is equal, 5 otherwise (3 when a file is
/// missing or unreadable, 2 for a bad option).
/// </summary>
internal static class CompareCommand
{
    /// <summary>Differences listed at most.</summary>
    public const int Listed = 10;

    /// <summary>The command.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="setExit">Receives the exit code.</param>
    /// <returns>The System.CommandLine command.</returns>
    public static Command Create(CommandContext ctx, Action<int> setExit)
    {
        var a = new Argument<string>("dir_a") { Description = "Output folder of the first run." };
        var b = new Argument<string>("dir_b") { Description = "Output folder of the second run." };
        var rel = new Option<string>("--rel-tol") { Description = "Relative tolerance: |a − b| ≤ rel·max(|a|, |b|).", DefaultValueFactory = _ => "1e-9" };
        var abs = new Option<string>("--abs-tol") { Description = "Absolute tolerance in the files' units, USD.", DefaultValueFactory = _ => "0" };
        var command = new Command("compare", "Compare two runs' margin.csv and attribution.csv (e.g. CPU against GPU); exit 5 when they differ beyond the tolerance.") { a, b, rel, abs };
        command.SetAction(r => setExit(Execute(ctx, r.GetValue(a)!, r.GetValue(b)!, Tolerance(r.GetValue(rel)!, "--rel-tol"), Tolerance(r.GetValue(abs)!, "--abs-tol"))));
        return command;
    }

    /// <summary>Compares and prints.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="folderA">First run.</param>
    /// <param name="folderB">Second run.</param>
    /// <param name="relativeTolerance">rel_tol.</param>
    /// <param name="absoluteTolerance">abs_tol.</param>
    /// <returns>0 within tolerance, 5 otherwise.</returns>
    public static int Execute(CommandContext ctx, string folderA, string folderB, double relativeTolerance, double absoluteTolerance)
    {
        var result = OutputComparer.Compare(folderA, folderB, relativeTolerance, absoluteTolerance);
        var o = ctx.Out.Profile.Out.Writer; // plain lines: no wrapping, no markup
        o.WriteLine($"A: {folderA}  ({Describe(result.A)})");
        o.WriteLine($"B: {folderB}  ({Describe(result.B)})");
        if (result.A is { } x && result.B is { } y && (x.Seed != y.Seed || x.Paths != y.Paths))
            o.WriteLine($"note: the runs used different simulations (seed {x.Seed} vs {y.Seed}, paths {x.Paths} vs {y.Paths}); expect statistical, not rounding, differences");
        foreach (var f in result.Files)
        {
            string worst = f.Worst is null ? "all numbers identical" : FormattableString.Invariant($"worst relative difference {f.Worst.Relative:G3} ({f.Worst.Column} of {f.Worst.Row}: {f.Worst.A} vs {f.Worst.B})");
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.File}: {f.Rows:N0} rows, {f.NumericCells:N0} numbers; {worst}; {(f.Differences.Count == 0 ? "within tolerance" : $"{f.Differences.Count:N0} difference{(f.Differences.Count == 1 ? "" : "s")} beyond tolerance")}"));
        }
        var beyond = result.Files.SelectMany(f => f.Differences).OrderByDescending(d => d.Relative).Take(Listed).ToArray();
        foreach (var d in beyond)
        {
            string where = d.Line == 0 ? d.File : $"{d.File}:{d.Line}";
            string rel = double.IsPositiveInfinity(d.Relative) ? "" : FormattableString.Invariant($" (relative {d.Relative:G3})");
            o.WriteLine($"  {where} {d.Row} {d.Column}: '{d.A}' vs '{d.B}'{rel}");
        }
        string tolerance = FormattableString.Invariant($"rel-tol {relativeTolerance:G}, abs-tol {absoluteTolerance:G}");
        o.WriteLine(result.WithinTolerance ? $"equal within {tolerance}" : $"DIFFERENT beyond {tolerance}");
        return result.WithinTolerance ? ExitCodes.Success : ExitCodes.Different;
    }

    private static string Describe(RunSummary? s) => s is null
        ? "no readable manifest.json"
        : $"{s.Backend ?? "?"}: {s.Device ?? "?"}{(s.Precision is null ? "" : $", {s.Precision} precision")}; seed {s.Seed ?? "?"}, {s.Paths?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} paths";

    private static double Tolerance(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 && double.IsFinite(v)
            ? v
            : throw new Cli.UsageException($"{option}: expected a non-negative number such as 1e-9, got '{text}'");
}
