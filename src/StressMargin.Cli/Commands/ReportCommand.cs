using System.CommandLine;
using StressMargin.IO.Output;

namespace StressMargin.Cli.Commands;

/// <summary>
/// <c>stressmargin report compare DIR_A DIR_B [--out FILE]</c>: how margin moved between two runs (e.g. yesterday and
/// today), by account and in total, and what drove it (<see cref="Report.CompareReport"/>); prints a summary and writes
/// an HTML page, by default <c>compare-report.html</c> in DIR_B.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The <c>report</c> command with its <c>compare</c> subcommand.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="setExit">Receives the exit code.</param>
    /// <returns>The System.CommandLine command.</returns>
    public static Command Create(CommandContext ctx, Action<int> setExit)
    {
        var a = new Argument<string>("dir_a") { Description = "Output folder of the earlier run (e.g. yesterday)." };
        var b = new Argument<string>("dir_b") { Description = "Output folder of the later run (e.g. today)." };
        var output = new Option<string?>("--out") { Description = "The page to write (default: compare-report.html in DIR_B)." };
        var compare = new Command("compare", "How margin moved between two runs, by account and in total, and what drove it; writes an HTML page.") { a, b, output };
        compare.SetAction(r => setExit(Execute(ctx, r.GetValue(a)!, r.GetValue(b)!, r.GetValue(output))));
        return new Command("report", "HTML reports built from run outputs.") { compare };
    }

    /// <summary>Compares, writes the page and prints the summary.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="folderA">Earlier run.</param>
    /// <param name="folderB">Later run.</param>
    /// <param name="output">Page path, or null for DIR_B/compare-report.html.</param>
    /// <returns>0.</returns>
    /// <exception cref="Core.InputException">A folder or file is missing or malformed.</exception>
    public static int Execute(CommandContext ctx, string folderA, string folderB, string? output)
    {
        string page = Path.GetFullPath(output ?? Path.Combine(folderB, "compare-report.html"));
        if (Directory.Exists(page)) throw new Cli.UsageException($"--out '{output}' is a folder; expected a file name");
        IReadOnlyList<string> summary;
        using (var files = new AtomicFileSet(Path.GetDirectoryName(page)!))
        {
            summary = Report.CompareReport.Write(folderA, folderB, files.Stage(Path.GetFileName(page)));
            files.Commit();
        }
        var o = ctx.Out.Profile.Out.Writer; // plain lines
        foreach (var line in summary) o.WriteLine(line);
        ctx.Log.WriteLine($"wrote {page}");
        return ExitCodes.Success;
    }
}
