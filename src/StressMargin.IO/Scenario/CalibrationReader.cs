using StressMargin.Core;
using StressMargin.Core.Calibration;
using YamlDotNet.RepresentationModel;

namespace StressMargin.IO.Scenario;

/// <summary>
/// Reads the scenario file's <c>calibration</c> block and the <c>calibrate:</c> key of a risk_factors entry
/// (docs/formats.md, "calibration"), strictly like the rest of the file (<see cref="YamlMap"/>). Defaults: calendar daily,
/// method ewma, lambda 0.94, window_days 250, min_observations 250, max_stale_days 4, no APC tool, correlation
/// estimated, repair none.
/// </summary>
internal static class CalibrationReader
{
    public static readonly string[] CalibrationKeys = ["history", "calendar", "method", "lambda", "window_days", "min_observations", "max_stale_days", "apc", "correlation"];
    private static readonly string[] ApcKeys = ["buffer", "buffer_release_vol_ratio", "stress_weight", "floor_lookback_years"];
    private static readonly string[] StressKeys = ["period", "weight"];
    private static readonly string[] CorrelationKeys = ["estimate", "repair"];
    private static readonly string[] CalibrateKeys = ["column", "vol_index", "lambda", "min_observations"];

    private const string LambdaExpected = "a decay factor λ with 0 < λ ≤ 1 (RiskMetrics daily: 0.94)";
    private const string MinObsExpected = "a whole number of returns ≥ 1";

    /// <summary>Reads the calibration block.</summary>
    /// <param name="block">The <c>calibration</c> mapping.</param>
    /// <param name="folder">The scenario file's folder (relative paths resolve against it).</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InputException">A missing history key, an unknown key, a bad value (the history file itself is
    /// checked when it is read).</exception>
    public static CalibrationSettings Read(YamlMap block, string folder)
    {
        string history = block.Scalar("history", "the path of a daily price history CSV")
            ?? throw new InputException(block.Where, "missing key 'calibration.history' (expected the path of a daily price history CSV, e.g. history/crypto_daily_closes.csv)");
        string historyPath = Path.GetFullPath(Path.Combine(folder, history));

        string? calendarName = block.Scalar("calendar", "daily or business");
        if (!HistoryCalendars.TryParse(calendarName, out var calendar))
            throw new InputException(block.At("calendar"), $"calibration.calendar: expected daily (every calendar day has a row) or business (weekdays), got '{calendarName}'");
        var method = block.Scalar("method", "ewma or window") switch
        {
            null or "ewma" => VolEstimatorMethod.Ewma,
            "window" => VolEstimatorMethod.Window,
            var other => throw new InputException(block.At("method"), $"calibration.method: expected ewma or window, got '{other}'"),
        };
        if (method == VolEstimatorMethod.Window && block.Has("lambda"))
            throw new InputException(block.At("lambda"), "calibration.lambda applies only to method: ewma (method: window weights its last window_days returns equally)");
        if (method == VolEstimatorMethod.Ewma && block.Has("window_days"))
            throw new InputException(block.At("window_days"), "calibration.window_days applies only to method: window");
        var estimator = new VolEstimator(
            method,
            block.Number("lambda", LambdaExpected, VolEstimator.DefaultLambda, v => v > 0 && v <= 1),
            (int)block.Integer("window_days", "a whole number of returns ≥ 1", VolEstimator.DefaultWindowDays, v => v is >= 1 and <= 1_000_000),
            (int)block.Integer("min_observations", MinObsExpected, VolEstimator.DefaultMinObservations, v => v is >= 1 and <= 1_000_000));
        int maxStale = (int)block.Integer("max_stale_days", "a whole number of days ≥ 0", CalibrationSettings.DefaultMaxStaleDays, v => v is >= 0 and <= 100_000);

        var apc = block.Map("apc", ApcKeys) is { } a ? ReadApc(a) : ApcSettings.None;
        var corr = block.Map("correlation", CorrelationKeys);
        bool estimate = corr?.Scalar("estimate", "true or false") switch
        {
            null or "true" => true,
            "false" => false,
            var other => throw new InputException(corr!.At("estimate"), $"calibration.correlation.estimate: expected true or false, got '{other}'"),
        };
        var repair = corr?.Scalar("repair", "none or nearest") switch
        {
            null or "none" => CorrelationRepairMode.None,
            "nearest" => CorrelationRepairMode.Nearest,
            var other => throw new InputException(corr!.At("repair"), $"calibration.correlation.repair: expected none (a matrix that is not positive semi-definite is an error) or nearest (Higham 2002), got '{other}'"),
        };
        return new CalibrationSettings(historyPath, calendar, estimator, maxStale, apc, estimate, repair, block.Where, corr?.Where ?? block.Where, block.At("history"));
    }

    private static ApcSettings ReadApc(YamlMap apc)
    {
        double? buffer = apc.Has("buffer")
            ? apc.Number("buffer", "a buffer rate of at least 0.25 (EMIR RTS 153/2013 Art. 28(1)(a)), e.g. 0.25", valid: v => v >= ApcSettings.EmirMinimum && v <= 10)
            : null;
        double? release = null;
        if (apc.Has("buffer_release_vol_ratio"))
        {
            if (buffer is null) throw new InputException(apc.At("buffer_release_vol_ratio"), "calibration.apc.buffer_release_vol_ratio needs a buffer (calibration.apc.buffer)");
            release = apc.Number("buffer_release_vol_ratio", "a ratio above 1 of model vol to long-run vol that releases the buffer (e.g. 1.5)", valid: v => v > 1);
        }
        StressWeighting? stress = null;
        if (apc.Map("stress_weight", StressKeys) is { } s)
        {
            var period = s.Sequence("period", "two dates [start, end] such as [2020-03-01, 2020-04-30]")
                ?? throw new InputException(s.Where, "missing key 'calibration.apc.stress_weight.period' (expected [start, end], e.g. [2020-03-01, 2020-04-30])");
            if (period.Children.Count != 2)
                throw new InputException(YamlMap.Location(s.File, period), $"calibration.apc.stress_weight.period: expected two dates [start, end], got {period.Children.Count} values");
            var start = Date(s.File, period.Children[0], "calibration.apc.stress_weight.period");
            var end = Date(s.File, period.Children[1], "calibration.apc.stress_weight.period");
            if (end < start)
                throw new InputException(YamlMap.Location(s.File, period.Children[1]), $"calibration.apc.stress_weight.period: the end {IsoTime.FormatDate(end)} is before the start {IsoTime.FormatDate(start)}");
            double weight = s.Number("weight", "a weight between 0.25 (EMIR RTS 153/2013 Art. 28(1)(b)) and 1", valid: v => v >= ApcSettings.EmirMinimum && v <= 1);
            stress = new StressWeighting(start, end, weight, YamlMap.Location(s.File, period));
        }
        int? floor = apc.Has("floor_lookback_years")
            ? (int)apc.Integer("floor_lookback_years", "a whole number of years between 1 and 100 (EMIR RTS 153/2013 Art. 28(1)(c): 10)", valid: v => v is >= 1 and <= 100)
            : null;
        return new ApcSettings(buffer, release, stress, floor, apc.Where);
    }

    /// <summary>Reads a risk_factors entry's <c>calibrate</c> key: <c>true</c> or a mapping.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="underlying">Its underlying.</param>
    /// <param name="settings">The calibration block, or null when the file has none.</param>
    /// <returns>The spec, or null when the key is absent.</returns>
    /// <exception cref="InputException">calibrate without a calibration block, a bad value, an override that does not
    /// apply to the method, vol_index together with vol_of_vol.</exception>
    public static CalibrateSpec? ReadCalibrate(YamlMap entry, string underlying, CalibrationSettings? settings)
    {
        var node = entry.Value("calibrate");
        if (node is null) return null;
        string key = entry.KeyPath("calibrate");
        if (settings is null)
            throw new InputException(entry.At("calibrate"), $"{key} needs a top-level calibration block naming the price history (calibration: {{ history: FILE }})");
        if (node is YamlScalarNode scalar)
        {
            if (scalar.Value != "true") throw new InputException(entry.At("calibrate"), $"{key}: expected true or a mapping such as {{ lambda: 0.94, vol_index: DVOL }}, got '{scalar.Value}'");
            return new CalibrateSpec(underlying, Source: entry.At("calibrate"));
        }
        var c = entry.Map("calibrate", CalibrateKeys)!;
        if (c.Has("lambda") && settings.Estimator.Method != VolEstimatorMethod.Ewma)
            throw new InputException(c.At("lambda"), $"{c.KeyPath("lambda")} applies only to calibration.method: ewma");
        string? volIndex = c.Scalar("vol_index", "the history column of a vol index for this underlying");
        if (volIndex is not null && entry.Has("vol_of_vol"))
            throw new InputException(entry.At("vol_of_vol"), $"{entry.KeyPath("vol_of_vol")}: the vol of vol of '{underlying}' is estimated from its vol index '{volIndex}'; leave vol_of_vol out");
        return new CalibrateSpec(
            c.Scalar("column", "the history column of this underlying's closes") ?? underlying,
            volIndex,
            c.Has("lambda") ? c.Number("lambda", LambdaExpected, valid: v => v > 0 && v <= 1) : null,
            c.Has("min_observations") ? (int)c.Integer("min_observations", MinObsExpected, valid: v => v is >= 1 and <= 1_000_000) : null,
            c.Where);
    }

    private static DateOnly Date(string file, YamlNode node, string key)
    {
        string text = (node as YamlScalarNode)?.Value ?? "";
        return IsoTime.TryParseDate(text, out var d) ? d
            : throw new InputException(YamlMap.Location(file, node), $"{key}: expected a date such as 2020-03-12 (yyyy-MM-dd), got '{text}'");
    }
}
