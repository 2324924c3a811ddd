using Spectre.Console;
using StressMargin.IO;
using StressMargin.IO.Deribit;

namespace StressMargin.Cli.Commands;

/// <summary><c>stressmargin import deribit CHAIN.csv --out DIR</c>: converts a Deribit option-chain snapshot.</summary>
internal static class ImportCommand
{
    /// <summary>Imports the snapshot and writes the four market/instrument files.</summary>
    /// <param name="ctx">Console context.</param>
    /// <param name="chain">Snapshot CSV path.</param>
    /// <param name="outDir">Destination folder.</param>
    /// <returns>Exit code.</returns>
    public static int ExecuteDeribit(CommandContext ctx, string chain, string outDir)
    {
        var warnings = new Core.InputWarnings();
        var import = DeribitChainImporter.Import(chain, warnings);
        InputWarningLines.Write(ctx.Log, warnings.All);
        var written = DeribitChainImporter.Write(import, outDir);
        ctx.Out.WriteLine($"as_of: {IsoTime.Format(import.AsOf)}   (use this in the scenario file)");
        ctx.Out.WriteLine($"{import.OptionRows:N0} option rows → {import.Instruments.Count:N0} instruments, {import.Spots.Count} spots, {import.Forwards.Count} forwards, {import.Vols.Count:N0} implied vols ({import.RowsWithoutVol} rows without a usable IV), {import.Quotes.Count:N0} bid/ask quotes, {import.Depth?.Count ?? 0:N0} depth rows{(import.ExpiredRows > 0 ? $"; {import.ExpiredRows} rows expiring at as_of left out" : "")}");
        foreach (var p in written) ctx.Log.WriteLine($"wrote {p}");
        return ExitCodes.Success;
    }
}
