using System.CommandLine;
using StressMargin.IO.Output;

namespace StressMargin.Cli.Commands;

/// <summary>
/// <c>stressmargin verify DIR</c>: checks an output folder's files against the SHA-256 hashes its manifests record
/// (<see cref="OutputVerifier"/>); exit 0 when every file matches, 7 when a file is missing, modified, or an unlisted
/// output of another run, 3 when the folder or its manifest is missing or unreadable.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>The command.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="setExit">Receives the exit code.</param>
    /// <returns>The System.CommandLine command.</returns>
    public static Command Create(CommandContext ctx, Action<int> setExit)
    {
        var dir = new Argument<string>("dir") { Description = "Output folder of a run (holding manifest.json)." };
        var command = new Command("verify", $"Check an output folder's files against the SHA-256 hashes in its manifest; exit {ExitCodes.VerifyMismatch} when they differ.") { dir };
        command.SetAction(r => setExit(Execute(ctx, r.GetValue(dir)!)));
        return command;
    }

    /// <summary>Verifies and prints one line per file and a verdict.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="directory">The folder.</param>
    /// <returns>0 or <see cref="ExitCodes.VerifyMismatch"/>.</returns>
    public static int Execute(CommandContext ctx, string directory)
    {
        var (entries, manifests) = OutputVerifier.Verify(directory);
        var o = ctx.Out.Profile.Out.Writer;
        foreach (var e in entries)
        {
            string status = e.Status switch
            {
                VerifyStatus.Ok => "ok",
                VerifyStatus.Missing => "MISSING",
                VerifyStatus.Modified => "MODIFIED",
                _ => "UNLISTED",
            };
            string note = e.Status switch
            {
                VerifyStatus.Modified => $" ({e.Detail}; not the file {e.Manifest} describes)",
                VerifyStatus.Missing => $" (listed in {e.Manifest})",
                VerifyStatus.Unlisted => " (no manifest lists it: left by another run)",
                _ => "",
            };
            o.WriteLine($"{status,-9} {e.File}{note}");
        }
        int bad = entries.Count(e => e.Status != VerifyStatus.Ok);
        o.WriteLine(bad == 0
            ? $"verified: {entries.Count} file(s) match {string.Join(", ", manifests)}"
            : $"MISMATCH: {bad} of {entries.Count} file(s) do not match {string.Join(", ", manifests)}");
        return bad == 0 ? ExitCodes.Success : ExitCodes.VerifyMismatch;
    }
}
