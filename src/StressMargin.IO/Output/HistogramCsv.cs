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
            foreach (var (bin, lower, upper, count) in histograms[a].NonEmptyBins())
            {
                w.Field(accountIds[a]).Field(bin.ToString(CultureInfo.InvariantCulture))
                 .Field(double.IsInfinity(lower) ? double.NaN : lower).Field(double.IsInfinity(upper) ? double.NaN : upper)
                 .Field(count.ToString(CultureInfo.InvariantCulture));
                w.EndRecord();
            }
    }
}
