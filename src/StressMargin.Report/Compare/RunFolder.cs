using System.Text.Json.Nodes;
using StressMargin.Core;
using StressMargin.IO.Csv;

namespace StressMargin.Report.Compare;

/// <summary>One account's row of a run's margin.csv, as far as a comparison needs it (USD).</summary>
/// <param name="AccountId">Account id.</param>
/// <param name="Equity">Equity.</param>
/// <param name="Es">ES.</param>
/// <param name="StressLoss">Worst weighted stress loss, or null without stress scenarios.</param>
/// <param name="InitialMargin">IM.</param>
/// <param name="Status">ok, margin_call or liquidation.</param>
/// <param name="Driver">The IM driver.</param>
internal sealed record AccountRow(string AccountId, double Equity, double Es, double? StressLoss, double InitialMargin, string Status, string Driver);

/// <summary>
/// A run's output folder read back for <c>report compare</c>: margin.csv, the positions of attribution.csv and
/// manifest.json. Columns are addressed by name (later versions may add some).
/// </summary>
/// <param name="Folder">Absolute folder.</param>
/// <param name="Accounts">margin.csv rows in file order.</param>
/// <param name="Positions">Per account, instrument id → quantity text, from attribution.csv.</param>
/// <param name="Manifest">manifest.json.</param>
internal sealed record RunFolder(string Folder, IReadOnlyList<AccountRow> Accounts, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Positions, JsonObject Manifest)
{
    /// <summary>Reads a folder.</summary>
    /// <param name="folder">Output folder of a run.</param>
    /// <returns>The run.</returns>
    /// <exception cref="InputException">The folder, or one of its three files, is missing or malformed (file:line:column).</exception>
    public static RunFolder Read(string folder)
    {
        string dir = Path.GetFullPath(folder);
        if (!Directory.Exists(dir)) throw new InputException(new SourceLocation(folder), "no such folder (expected the output folder of a run)");
        string File(string name) => System.IO.File.Exists(Path.Combine(dir, name)) ? Path.Combine(dir, name)
            : throw new InputException(new SourceLocation(Path.Combine(dir, name)), $"file not found: {name} (is {folder} the output folder of 'stressmargin run'?)");

        var accounts = new List<AccountRow>();
        using (var csv = CsvTableReader.Open(File("margin.csv"), ["account_id", "equity", "es", "initial_margin", "status", "im_driver"], ["stress_loss"], allowOtherColumns: true))
            while (csv.Read())
                accounts.Add(new AccountRow(csv.Required("account_id", "an account id"), csv.Number("equity", "a number (USD)"), csv.Number("es", "a number (USD)"),
                    csv.OptionalNumber("stress_loss", "a number (USD)"), csv.Number("initial_margin", "a number (USD)"), csv.Required("status", "ok, margin_call or liquidation"),
                    csv.Required("im_driver", "an IM driver")));

        var positions = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        using (var csv = CsvTableReader.Open(File("attribution.csv"), ["account_id", "instrument_id", "quantity"], allowOtherColumns: true))
            while (csv.Read())
            {
                string account = csv.Required("account_id", "an account id");
                if (!positions.TryGetValue(account, out var held)) positions[account] = held = new Dictionary<string, string>(StringComparer.Ordinal);
                held[csv.Required("instrument_id", "an instrument id")] = csv.Required("quantity", "a quantity");
            }

        string manifestPath = File("manifest.json");
        JsonObject manifest;
        try
        {
            manifest = JsonNode.Parse(System.IO.File.ReadAllText(manifestPath)) as JsonObject ?? throw new InputException(new SourceLocation(manifestPath), "expected a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InputException(new SourceLocation(manifestPath, (int)(e.LineNumber ?? 0) + 1), $"not valid JSON: {e.Message}");
        }
        return new RunFolder(dir, accounts, positions.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, string>)kv.Value, StringComparer.Ordinal), manifest);
    }
}
