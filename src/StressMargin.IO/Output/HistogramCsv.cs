using System.Globalization;
using StressMargin.Core.Risk;
using StressMargin.IO.Csv;

namespace StressMargin.IO.Output;

/// <summary>
/// <c>histogram.csv</c>: <c>account_id,bin,lower,upper,count</c>, each account's simulated losses counted on the fixed
/// grid of <see cref="LossHistogram"/>, one row per non-empty bin, accounts in book order and bins from the most
/// negative loss up. <c>bin</c> is the grid index (0 … 2,306; the same bin in every run, so files of path shards merge
/// by adding counts per account and bin); <c>lower</c>/<c>upper</c> are its edges in USD (empty for the unbounded end
/// of the two outermost bins); <c>count</c> is the number of paths.
/// </summary>
public static class HistogramCsv
{
    /// <summary>Column names in file order.</summary>
    public static readonly string[] Columns = ["account_id", "bin", "lower", "upper", "count"];

    /// <summary>Writes the file.</summary>
    /// <param name="path">Destination (a temporary name when part of an <see cref="AtomicFileSet"/>).</param>
    /// <param name="accountIds">Account ids, book order, length A.</param>
    /// <param name="histograms">One histogram per account, same order and length.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Write(string path, IReadOnlyList<string> accountIds, IReadOnlyList<LossHistogram> histograms)
    {
        if (accountIds.Count != histograms.Count) throw new ArgumentException($"{histograms.Count} histograms for {accountIds.Count} accounts", nameof(histograms));
        using var w = new CsvTableWriter(path, Columns);
        for (int a = 0; a < accountIds.Count; a++)
            foreach (var (bin, _, _, count) in histograms[a].NonEmptyBins())
            {
                var (binText, lower, upper) = BinTexts.Value[bin];
                w.Field(accountIds[a]).Field(binText).Field(lower).Field(upper).Field(count.ToString(CultureInfo.InvariantCulture));
                w.EndRecord();
            }
    }

    /// <summary>Each bin's index and edges as written (the grid is fixed, so a big book formats 2,307 bins' edges once,
    /// not once per account and bin).</summary>
    private static readonly Lazy<(string Bin, string Lower, string Upper)[]> BinTexts = new(() =>
        Enumerable.Range(0, LossHistogram.BinCount).Select(b =>
        {
            double lower = LossHistogram.Lower(b), upper = LossHistogram.Upper(b);
            return (b.ToString(CultureInfo.InvariantCulture), CsvTableWriter.Text(double.IsInfinity(lower) ? double.NaN : lower),
                CsvTableWriter.Text(double.IsInfinity(upper) ? double.NaN : upper));
        }).ToArray());
}
