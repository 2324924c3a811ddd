using StressMargin.Core;
using StressMargin.Core.Calibration;

namespace StressMargin.IO.Csv;

/// <summary>
/// A log-basis history, <c>snapshot_utc,underlying,future,expiry,days_to_expiry,perpetual,future_mark,log_basis</c>
/// (docs/formats.md §4.11; <c>scenarios/history/deribit_log_basis_daily.csv</c>): per snapshot and dated future its
/// log-basis ln(F / perpetual). Prices in USD, days in calendar days; expiry is informational.
/// </summary>
public static class BasisHistoryCsv
{
    /// <summary>Column names in file order.</summary>
    public static readonly string[] Columns = ["snapshot_utc", "underlying", "future", "expiry", "days_to_expiry", "perpetual", "future_mark", "log_basis"];

    /// <summary>Reads the file.</summary>
    /// <param name="path">File path.</param>
    /// <returns>The rows in file order.</returns>
    /// <exception cref="InputException">Missing file or column, a bad timestamp, a non-positive price or days to
    /// expiry, or a log_basis that is not ln(future_mark / perpetual) to 1e-6.</exception>
    public static IReadOnlyList<BasisObservation> Read(string path)
    {
        var rows = new List<BasisObservation>();
        using var csv = CsvTableReader.Open(path, Columns);
        while (csv.Read())
        {
            var time = csv.OptionalTimestamp("snapshot_utc") ?? throw new InputException(csv.Location("snapshot_utc"), "missing snapshot_utc (expected an ISO 8601 UTC time)");
            string underlying = csv.Required("underlying", "an underlying symbol such as BTC");
            string future = csv.Required("future", "the future's instrument id, e.g. BTC-27MAR26");
            double days = csv.Number("days_to_expiry", "a positive number of calendar days to expiry", v => v > 0);
            double perpetual = csv.Number("perpetual", "the perpetual's mark in USD, positive", v => v > 0);
            double mark = csv.Number("future_mark", "the future's mark in USD, positive", v => v > 0);
            double logBasis = csv.Number("log_basis", "ln(future_mark / perpetual)");
            if (Math.Abs(logBasis - Math.Log(mark / perpetual)) > 1e-6)
                throw new InputException(csv.Location("log_basis"), FormattableString.Invariant($"log_basis {logBasis} is not ln(future_mark / perpetual) = {Math.Log(mark / perpetual):G8}"));
            rows.Add(new BasisObservation(time, underlying, future, days, perpetual, logBasis, csv.RecordLocation()));
        }
        return rows;
    }
}
