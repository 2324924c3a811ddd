using System.Text.Json;
using StressMargin.Core.Backtesting;
using StressMargin.IO;
using StressMargin.IO.Csv;
using StressMargin.IO.Output;

namespace StressMargin.Engine.Backtest;

/// <summary>
/// Writes a backtest atomically (docs/formats.md, "Backtest outputs"): <c>backtest.csv</c> (one row for the whole book, then one per
/// account: exceedances of IM and of VaR with Kupiec's and Christoffersen's tests), <c>backtest_daily.csv</c> (every
/// date and account: IM, VaR, ES, realized loss, exceedance flags), <c>backtest.json</c> (what ran, on what) and, when
/// asked, <c>backtest-report.html</c>.
/// </summary>
public static class BacktestOutputs
{
    /// <summary>Columns of backtest.csv.</summary>
    public static readonly string[] SummaryColumns =
    [
        "scope", "account_id", "observations",
        "im_exceedances", "im_rate", "im_expected_rate", "im_kupiec_lr", "im_kupiec_p", "im_christoffersen_lr", "im_christoffersen_p",
        "var_exceedances", "var_rate", "var_expected_rate", "var_kupiec_lr", "var_kupiec_p", "var_christoffersen_lr", "var_christoffersen_p",
        "mean_initial_margin", "mean_realized_loss", "worst_excess_loss",
    ];

    /// <summary>Columns of backtest_daily.csv.</summary>
    public static readonly string[] DailyColumns = ["date", "scope", "account_id", "initial_margin", "var", "es", "realized_loss", "im_exceeded", "var_exceeded", "es_buffer_multiplier"];

    /// <summary>Writes the three files into a folder: all appear, or none.</summary>
    /// <param name="result">The backtest.</param>
    /// <param name="directory">Output folder (created if missing).</param>
    /// <param name="writeReport">Writes <c>backtest-report.html</c> to the temporary path it is given; null writes none.</param>
    /// <returns>Final paths.</returns>
    /// <exception cref="OutputException">The folder or a file cannot be written (no partial file is left).</exception>
    /// <remarks>The caller takes the folder (<see cref="OutputFolder.Acquire"/>) before the backtest runs.</remarks>
    public static IReadOnlyList<string> Write(BacktestResult result, string directory, Action<string>? writeReport = null)
    {
        using var files = new AtomicFileSet(directory);
        files.Write("backtest.csv", path =>
        {
            using var w = new CsvTableWriter(path, SummaryColumns);
            foreach (var s in result.Summaries)
            {
                w.Field(s.IsBook ? "book" : "account").Field(s.AccountId).Field(s.InitialMargin.Observations);
                Tests(w, s.InitialMargin);
                Tests(w, s.ValueAtRisk);
                w.Field(s.MeanInitialMargin).Field(s.MeanRealizedLoss).Field(s.WorstExcessLoss);
                w.EndRecord();
            }
        });
        files.Write("backtest_daily.csv", path =>
        {
            using var w = new CsvTableWriter(path, DailyColumns);
            foreach (var o in result.Observations)
            {
                string id = result.AccountIds[o.Account];
                w.Field(IsoTime.FormatDate(o.Date)).Field(id == BacktestBook.BookAccountId ? "book" : "account").Field(id)
                 .Field(o.InitialMargin).Field(o.ValueAtRisk).Field(o.ExpectedShortfall).Field(o.RealizedLoss)
                 .Field(o.ImExceeded ? "1" : "0").Field(o.VarExceeded ? "1" : "0").Field(o.EsBufferMultiplier);
                w.EndRecord();
            }
        });
        var book = result.Summaries[0];
        var document = new
        {
            Tool = new { Name = "stressmargin", ToolInfo.Version, ToolInfo.Commit },
            Scenario = result.ScenarioPath,
            History = new { result.History.Path, result.History.Bytes, result.History.Sha256 },
            From = IsoTime.FormatDate(result.Settings.From),
            To = IsoTime.FormatDate(result.Settings.To),
            Dates = result.Dates,
            FirstDate = IsoTime.FormatDate(result.Observations[0].Date),
            LastDate = IsoTime.FormatDate(result.Observations[^1].Date),
            result.HorizonRows,
            PathsPerDate = result.Settings.Paths,
            Model = result.ModelDescription,
            Accounts = result.AccountIds.Count - 1,
            AccountsLeftOut = result.Book.AccountsLeftOut.Count,
            OptionPositionsLeftOut = result.Book.OptionPositionsLeftOut,
            Book = new { Im = Json(book.InitialMargin), Var = Json(book.ValueAtRisk) },
            Seconds = result.Seconds,
            Outputs = files.Hashes(),
        };
        files.WriteText("backtest.json", JsonSerializer.Serialize(document, JsonOutput.Options));
        if (writeReport is not null) files.Write("backtest-report.html", writeReport);
        files.Commit();
        return files.FinalPaths.ToArray();
    }

    private static void Tests(CsvTableWriter w, ExceedanceSummary s) =>
        w.Field(s.Exceedances).Field(s.Rate).Field(s.ExpectedRate).Field(s.Kupiec.Statistic).Field(s.Kupiec.PValue).Field(s.Christoffersen.Statistic).Field(s.Christoffersen.PValue);

    private static object Json(ExceedanceSummary s) => new
    {
        s.Exceedances,
        s.Rate,
        s.ExpectedRate,
        KupiecLr = s.Kupiec.Statistic,
        KupiecP = s.Kupiec.PValue,
        ChristoffersenLr = s.Christoffersen.Statistic,
        ChristoffersenP = s.Christoffersen.PValue,
    };
}
