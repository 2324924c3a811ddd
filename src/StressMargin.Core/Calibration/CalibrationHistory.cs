using StressMargin.Core.RiskModel;

namespace StressMargin.Core.Calibration;

/// <summary>
/// What the calibration of one factor would have given at the close of each past date: the model (EWMA or window)
/// vol, the long-lookback floor vol, the stress-period vol, and the vol used after the anti-procyclicality tools.
/// All vols annualized (σ_daily·√P); NaN where the estimate does not exist on a date (too few returns, a stress period
/// that has not ended yet, no floor configured).
/// </summary>
/// <param name="Factor">The factor.</param>
/// <param name="Column">History column.</param>
/// <param name="Dates">Dates t, ascending: the estimate as of the close of t (i.e. for as_of = t + 1 day).</param>
/// <param name="ModelVol">Model vol per date, <c>[date]</c>.</param>
/// <param name="FloorVol">Equally weighted vol over the lookback ending at t, <c>[date]</c>; null when neither the
/// floor nor the buffer's release trigger is configured.</param>
/// <param name="StressVol">Vol over the stress period (a constant), or null without one.</param>
/// <param name="UsedVol">The vol the model would use, <c>[date]</c>: the stress-weighted vol floored at the lookback vol.</param>
public sealed record FactorVolHistory(FactorId Factor, string Column, DateOnly[] Dates, double[] ModelVol, double[]? FloorVol, double? StressVol, double[] UsedVol);

/// <summary>The correlation of two calibrated factors as it would have been estimated at the close of each past date.</summary>
/// <param name="First">First factor.</param>
/// <param name="Second">Second factor.</param>
/// <param name="Dates">Dates t, ascending.</param>
/// <param name="Correlation">ρ as of t, <c>[date]</c>; NaN where the common returns are fewer than min_observations.</param>
public sealed record CorrelationHistory(FactorId First, FactorId Second, DateOnly[] Dates, double[] Correlation);

/// <summary>
/// Replays the estimators of <see cref="Calibrator"/> date by date over a price history, for the report's
/// calibration history: on each date t of a display window, the estimate from the returns up to and including t, with
/// the same formulas and the same order of operations as <see cref="Calibrator.Calibrate"/>, so that the value at
/// the calibration's data end is the calibrated value (tested). EWMA vols and correlations by the recursion of
/// <see cref="VolEstimator"/> (O(n)); the window vol, the lookback floor and window correlations summed directly per
/// date (O(n·W)).
/// </summary>
public static class CalibrationHistory
{
    /// <summary>The vol history of a calibrated factor over the dates [<paramref name="from"/>, <paramref name="to"/>].</summary>
    /// <param name="history">The price history the calibration read.</param>
    /// <param name="settings">The calibration block (calendar, anti-procyclicality tools).</param>
    /// <param name="factor">The factor as calibrated (its column and estimator).</param>
    /// <param name="from">First date shown.</param>
    /// <param name="to">Last date shown (normally the calibration's data end).</param>
    /// <returns>The series; empty when the history has no row in the window.</returns>
    /// <exception cref="ArgumentException">The factor's column is not in the history.</exception>
    public static FactorVolHistory Vol(PriceHistory history, CalibrationSettings settings, FactorCalibration factor, DateOnly from, DateOnly to)
    {
        var s = history.Series(factor.Column) ?? throw new ArgumentException($"the history has no column '{factor.Column}'", nameof(factor));
        var (first, last) = Window(history, s, from, to);
        int count = Math.Max(0, last - first + 1);
        var dates = new DateOnly[count];
        var model = new double[count];
        var used = new double[count];
        bool hasFloor = settings.Apc.FloorLookbackYears is not null || settings.Apc.BufferReleaseVolRatio is not null;
        var floor = hasFloor ? new double[count] : null;
        double periods = history.Calendar.PeriodsPerYear();
        var estimator = factor.Estimator;
        var stress = settings.Apc.StressWeight;
        double? stressVar = stress is null ? null : StressVariance(history, s, stress);

        double weighted = 0, norm = 0;
        for (int t = s.FirstRow + 1; t <= last; t++)
        {
            double r = s.LogReturn(t);
            weighted = estimator.Lambda * weighted + r * r;
            norm = estimator.Lambda * norm + 1.0;
            if (t < first) continue;
            int i = t - first;
            dates[i] = history.Dates[t];
            int returns = t - s.FirstRow;
            if (returns < estimator.MinObservations) { model[i] = used[i] = double.NaN; if (floor is not null) floor[i] = double.NaN; continue; }
            double modelVar = estimator.Method == VolEstimatorMethod.Ewma ? weighted / norm : WindowVariance(s, t, estimator.WindowDays);
            double v = modelVar;
            if (stress is not null) v = stressVar is { } sv && stress.End <= history.Dates[t] ? (1 - stress.Weight) * modelVar + stress.Weight * sv : double.NaN;
            if (floor is not null)
            {
                double floorVar = LookbackVariance(history, s, t, settings.Apc.LongRunLookbackYears);
                floor[i] = Math.Sqrt(floorVar * periods);
                if (settings.Apc.FloorLookbackYears is not null && floorVar > v) v = floorVar;
            }
            model[i] = Math.Sqrt(modelVar * periods);
            used[i] = Math.Sqrt(v * periods);
        }
        return new FactorVolHistory(factor.Factor, factor.Column, dates, model, floor, stressVar is { } x ? Math.Sqrt(x * periods) : null, used);
    }

    /// <summary>The correlation history of two calibrated factors over [<paramref name="from"/>, <paramref name="to"/>],
    /// over their common returns (pairwise-complete, as <see cref="Calibrator"/> estimates them).</summary>
    /// <param name="history">The price history.</param>
    /// <param name="estimator">The calibration's common estimator (<see cref="CalibrationSettings.Estimator"/>).</param>
    /// <param name="first">First factor as calibrated.</param>
    /// <param name="second">Second factor as calibrated.</param>
    /// <param name="from">First date shown.</param>
    /// <param name="to">Last date shown.</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentException">A column is not in the history.</exception>
    public static CorrelationHistory Correlation(PriceHistory history, VolEstimator estimator, FactorCalibration first, FactorCalibration second, DateOnly from, DateOnly to)
    {
        var a = history.Series(first.Column) ?? throw new ArgumentException($"the history has no column '{first.Column}'", nameof(first));
        var b = history.Series(second.Column) ?? throw new ArgumentException($"the history has no column '{second.Column}'", nameof(second));
        int start = Math.Max(a.FirstRow, b.FirstRow) + 1;
        var later = a.FirstRow >= b.FirstRow ? a : b;
        var (lo, last) = Window(history, later, from, to);
        int count = Math.Max(0, last - lo + 1);
        var dates = new DateOnly[count];
        var rho = new double[count];
        double sab = 0, saa = 0, sbb = 0, norm = 0;
        for (int t = start; t <= last; t++)
        {
            double ra = a.LogReturn(t), rb = b.LogReturn(t);
            sab = estimator.Lambda * sab + ra * rb;
            saa = estimator.Lambda * saa + ra * ra;
            sbb = estimator.Lambda * sbb + rb * rb;
            norm = estimator.Lambda * norm + 1.0;
            if (t < lo) continue;
            int i = t - lo;
            dates[i] = history.Dates[t];
            if (t - start + 1 < estimator.MinObservations) { rho[i] = double.NaN; continue; }
            double cab, caa, cbb;
            if (estimator.Method == VolEstimatorMethod.Ewma) (cab, caa, cbb) = (sab / norm, saa / norm, sbb / norm);
            else (cab, caa, cbb) = WindowMoments(a, b, start, t, estimator.WindowDays);
            rho[i] = Math.Clamp(cab / Math.Sqrt(caa * cbb), -1.0, 1.0);
        }
        return new CorrelationHistory(first.Factor, second.Factor, dates, rho);
    }

    /// <summary>Rows of the display window within the series' returns: [max(first row on or after from, FirstRow + 1), last row on or before to].</summary>
    private static (int First, int Last) Window(PriceHistory history, HistorySeries s, DateOnly from, DateOnly to)
    {
        int last = history.LastRowOnOrBefore(to);
        int first = Math.Max(s.FirstRow + 1, history.LastRowOnOrBefore(from.AddDays(-1)) + 1);
        return (first, last);
    }

    /// <summary>(1/W')·Σ r_i² over the last W' = min(W, available) returns up to row t (as <see cref="VolEstimator.CoMoment"/>).</summary>
    private static double WindowVariance(HistorySeries s, int t, int window)
    {
        int w = Math.Min(window, t - s.FirstRow);
        double sum = 0;
        for (int u = t - w + 1; u <= t; u++) sum += s.LogReturn(u) * s.LogReturn(u);
        return sum / w;
    }

    private static (double Ab, double Aa, double Bb) WindowMoments(HistorySeries a, HistorySeries b, int start, int t, int window)
    {
        int w = Math.Min(window, t - start + 1);
        double ab = 0, aa = 0, bb = 0;
        for (int u = t - w + 1; u <= t; u++)
        {
            double ra = a.LogReturn(u), rb = b.LogReturn(u);
            ab += ra * rb;
            aa += ra * ra;
            bb += rb * rb;
        }
        return (ab / w, aa / w, bb / w);
    }

    /// <summary>The equally weighted variance of the returns dated after (date of t − lookback years), as the calibrator's floor.</summary>
    private static double LookbackVariance(PriceHistory history, HistorySeries s, int t, int years)
    {
        var from = history.Dates[t].AddYears(-years);
        int first = Math.Max(s.FirstRow + 1, history.LastRowOnOrBefore(from) + 1);
        double sum = 0;
        for (int u = first; u <= t; u++) sum += s.LogReturn(u) * s.LogReturn(u);
        return sum / (t - first + 1);
    }

    /// <summary>The equally weighted variance of the returns dated within the stress period, or null when the period
    /// is not within the series.</summary>
    private static double? StressVariance(PriceHistory history, HistorySeries s, StressWeighting stress)
    {
        int before = history.LastRowOnOrBefore(stress.Start.AddDays(-1));
        int first = before + 1, last = history.LastRowOnOrBefore(stress.End);
        if (first <= s.FirstRow || last < first) return null;
        double sum = 0;
        for (int t = first; t <= last; t++) sum += s.LogReturn(t) * s.LogReturn(t);
        return sum / (last - first + 1);
    }
}
