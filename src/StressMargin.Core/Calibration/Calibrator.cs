using System.Globalization;
using StressMargin.Core.RiskModel;

namespace StressMargin.Core.Calibration;

/// <summary>
/// Estimates the risk model from a daily price history as of a date (docs/model.md, "Calibration from a price history"): for every underlying whose
/// risk_factors entry says <c>calibrate:</c>, its spot vol from the daily log returns of its column (and, with a vol
/// index, its vol of vol from the index's daily log changes); the anti-procyclicality tools of EMIR RTS 153/2013
/// Art. 28; the correlations between the factors so estimated; and, for filtered historical simulation, their
/// standardized residuals. Uses only rows dated on or before the cut-off.
/// <para>Formulas: daily variance m(r, r) of <see cref="VolEstimator"/> (RiskMetrics 1996 EWMA, or an equally weighted
/// window), annualized σ = √(P·m), P = 365 (daily calendar) or 252 (business days). Anti-procyclicality, per factor:
/// σ²_b = (1 − w)·σ²_model + w·σ²_stress with option (b), then σ = max(σ_b, σ_floor) with option (c), σ_floor the
/// equally weighted vol of the returns within the lookback.</para>
/// </summary>
public static class Calibrator
{
    /// <summary>Calibrates the model.</summary>
    /// <param name="history">The price history.</param>
    /// <param name="settings">The calibration block.</param>
    /// <param name="underlyings">The model's underlyings (ordinal order, as <see cref="FactorModel"/> orders them).</param>
    /// <param name="specs">The scenario's risk_factors entries; those with <see cref="RiskFactorSpec.Calibrate"/> are estimated.</param>
    /// <param name="cutoff">Last date the calibration may use (<see cref="CalibrationSettings.CutoffDate"/>).</param>
    /// <param name="simulation">Simulation settings: the horizon, and whether FHS residuals are needed.</param>
    /// <returns>The calibration.</returns>
    /// <exception cref="InputException">No history row by the cut-off or a stale history, a missing column, too few
    /// returns, a stress period outside the data, a zero-variance series, too small an FHS sample.</exception>
    public static CalibrationResult Calibrate(
        PriceHistory history,
        CalibrationSettings settings,
        IReadOnlyList<string> underlyings,
        IReadOnlyDictionary<string, RiskFactorSpec> specs,
        DateOnly cutoff,
        SimulationSettings simulation)
    {
        int end = history.LastRowOnOrBefore(cutoff);
        if (end < 0)
            throw new InputException(new SourceLocation(history.File, 2, 1), $"the history starts on {Text(history.Dates[0])}, after {Text(cutoff)}, the last date the model may use (the day before as_of)");
        int staleDays = cutoff.DayNumber - history.Dates[end].DayNumber;
        if (staleDays > settings.MaxStaleDays)
            throw new InputException(new SourceLocation(history.File, end + 2, 1),
                $"the history is stale: its last row on or before {Text(cutoff)} (the day before as_of) is {Text(history.Dates[end])}, {staleDays} days earlier; calibration.max_stale_days allows {settings.MaxStaleDays}");

        var factors = new List<(FactorCalibration Calibration, HistorySeries Series)>();
        var riskFactors = new Dictionary<string, RiskFactorSpec>(specs, StringComparer.Ordinal);
        foreach (var u in underlyings)
        {
            if (!specs.TryGetValue(u, out var spec) || spec.Calibrate is not { } cal) continue;
            var estimator = cal.EstimatorFrom(settings.Estimator);
            var spot = Estimate(history, settings, new FactorId(u, FactorKind.Spot), Column(history, cal.Column, u, "calibrate.column", cal), estimator, end);
            factors.Add(spot);
            double volOfVol = spec.VolOfVolAnnualized;
            if (cal.VolIndexColumn is { } volIndex)
            {
                var vol = Estimate(history, settings, new FactorId(u, FactorKind.Vol), Column(history, volIndex, u, "calibrate.vol_index", cal), estimator, end);
                factors.Add(vol);
                volOfVol = vol.Calibration.UsedVol;
            }
            riskFactors[u] = spec with { SpotVolAnnualized = spot.Calibration.UsedVol, VolOfVolAnnualized = volOfVol };
        }

        var correlation = settings.EstimateCorrelation && factors.Count >= 2 ? EstimateCorrelation(history, settings, factors, end) : null;
        var (multiplier, released, ratio) = Buffer(settings.Apc, factors.Select(f => f.Calibration));
        var fhs = simulation.Distribution.Kind == DistributionKind.FilteredHistorical
            ? FilteredHistory(history, settings, factors, end, history.Calendar.HorizonRows(simulation.HorizonDays))
            : null;
        return new CalibrationResult(history.Dates[end], factors.Select(f => f.Calibration).ToArray(), riskFactors, correlation, multiplier, released, ratio, fhs);
    }

    /// <summary>
    /// The buffer multiplier of Art. 28(1)(a): 1 + b, or 1 when released (max_f σ_model/σ_long-run ≥ the trigger, over
    /// the calibrated spot factors) or without a buffer.
    /// </summary>
    private static (double Multiplier, bool Released, double? Ratio) Buffer(ApcSettings apc, IEnumerable<FactorCalibration> factors)
    {
        if (apc.BufferRate is not { } rate) return (1.0, false, null);
        if (apc.BufferReleaseVolRatio is not { } trigger) return (1.0 + rate, false, null);
        double ratio = factors.Where(f => f.Factor.Kind == FactorKind.Spot && f.FloorVol is > 0).Select(f => f.ModelVol / f.FloorVol!.Value).DefaultIfEmpty(0.0).Max();
        bool released = ratio >= trigger;
        return (released ? 1.0 : 1.0 + rate, released, ratio);
    }

    private static HistorySeries Column(PriceHistory history, string column, string underlying, string key, CalibrateSpec spec) =>
        history.Series(column) ?? throw new InputException(history.HeaderLocation(),
            $"no column '{column}' for underlying '{underlying}' (risk_factors.{underlying}.{(key == "calibrate.column" && spec.Column == underlying ? "calibrate" : key)}{(spec.Source is null ? "" : $" at {spec.Source}")}); the history's columns are: date, {string.Join(", ", history.Columns.Select(c => c.Column))}");

    /// <summary>Daily log returns of a series over rows (FirstRow, end].</summary>
    private static double[] Returns(HistorySeries s, int end)
    {
        var r = new double[Math.Max(0, end - s.FirstRow)];
        for (int t = s.FirstRow + 1; t <= end; t++) r[t - s.FirstRow - 1] = s.LogReturn(t);
        return r;
    }

    private static (FactorCalibration Calibration, HistorySeries Series) Estimate(PriceHistory history, CalibrationSettings settings, FactorId factor, HistorySeries s, VolEstimator estimator, int end)
    {
        var returns = Returns(s, end);
        if (returns.Length < estimator.MinObservations)
            throw new InputException(history.HeaderLocation(s.Column),
                $"{factor}: column '{s.Column}' has {returns.Length} daily returns up to {Text(history.Dates[end])}{(returns.Length > 0 ? $" (from {Text(history.Dates[s.FirstRow + 1])})" : "")}, fewer than min_observations: {estimator.MinObservations}");
        double periods = history.Calendar.PeriodsPerYear();
        double modelVar = estimator.Variance(returns);
        if (!(modelVar > 0))
            throw new InputException(history.HeaderLocation(s.Column), $"{factor}: column '{s.Column}' has zero variance over the estimation window up to {Text(history.Dates[end])} (constant prices?); its vol cannot be estimated");
        double used = modelVar;
        var binding = ApcBinding.None;

        double? stressVar = null;
        int stressCount = 0;
        if (settings.Apc.StressWeight is { } stress)
        {
            int first = FirstRowOnOrAfter(history, stress.Start), last = history.LastRowOnOrBefore(stress.End);
            if (first <= s.FirstRow || first < 0 || stress.End > history.Dates[end] || last < first)
                throw new InputException(stress.Source,
                    $"apc.stress_weight.period [{Text(stress.Start)}, {Text(stress.End)}] must lie within the returns of column '{s.Column}' ({factor}) available up to {Text(history.Dates[end])}: from {Text(history.Dates[Math.Min(s.FirstRow + 1, end)])}");
            double sum = 0;
            for (int t = first; t <= last; t++) sum += returns[t - s.FirstRow - 1] * returns[t - s.FirstRow - 1];
            stressCount = last - first + 1;
            stressVar = sum / stressCount;
            used = (1 - stress.Weight) * modelVar + stress.Weight * stressVar.Value;
            binding = ApcBinding.StressWeight;
        }

        double? floorVar = null;
        int floorCount = 0;
        if (settings.Apc.FloorLookbackYears is not null || settings.Apc.BufferReleaseVolRatio is not null)
        {
            // Returns dated after (data end − lookback), i.e. the lookback's returns, within what the series has.
            var from = history.Dates[end].AddYears(-settings.Apc.LongRunLookbackYears);
            int first = Math.Max(s.FirstRow + 1, history.LastRowOnOrBefore(from) + 1);
            double sum = 0;
            for (int t = first; t <= end; t++) sum += returns[t - s.FirstRow - 1] * returns[t - s.FirstRow - 1];
            floorCount = end - first + 1;
            floorVar = sum / floorCount;
            if (settings.Apc.FloorLookbackYears is not null && floorVar.Value > used)
            {
                used = floorVar.Value;
                binding = ApcBinding.LookbackFloor;
            }
        }

        double Annual(double v) => Math.Sqrt(v * periods);
        var calibration = new FactorCalibration(factor, s.Column, estimator, estimator.ObservationsUsed(returns.Length), history.Dates[s.FirstRow + 1],
            Annual(modelVar), stressVar is null ? null : Annual(stressVar.Value), stressCount, floorVar is null ? null : Annual(floorVar.Value), floorCount,
            Annual(used), binding);
        return (calibration, s);
    }

    private static int FirstRowOnOrAfter(PriceHistory history, DateOnly date)
    {
        int last = history.LastRowOnOrBefore(date);
        if (last >= 0 && history.Dates[last] == date) return last;
        return last + 1 < history.Dates.Count ? last + 1 : -1;
    }

    private static EstimatedCorrelation EstimateCorrelation(PriceHistory history, CalibrationSettings settings, List<(FactorCalibration Calibration, HistorySeries Series)> factors, int end)
    {
        int m = factors.Count;
        var matrix = new double[m, m];
        var observations = new int[m, m];
        var estimator = settings.Estimator;
        for (int i = 0; i < m; i++)
        {
            matrix[i, i] = 1.0;
            for (int j = 0; j < i; j++)
            {
                var (a, b) = (factors[i].Series, factors[j].Series);
                var later = a.FirstRow >= b.FirstRow ? a : b;
                int first = later.FirstRow + 1;
                int n = end - first + 1;
                if (n < estimator.MinObservations)
                    throw new InputException(history.HeaderLocation(later.Column),
                        $"correlation of {factors[i].Calibration.Factor} and {factors[j].Calibration.Factor}: their columns overlap in {Math.Max(n, 0)} daily returns up to {Text(history.Dates[end])}, fewer than min_observations: {estimator.MinObservations}");
                var ra = new double[n];
                var rb = new double[n];
                for (int t = first; t <= end; t++)
                {
                    ra[t - first] = a.LogReturn(t);
                    rb[t - first] = b.LogReturn(t);
                }
                double va = estimator.Variance(ra), vb = estimator.Variance(rb);
                if (!(va > 0 && vb > 0))
                    throw new InputException(history.HeaderLocation(va > 0 ? b.Column : a.Column),
                        $"correlation of {factors[i].Calibration.Factor} and {factors[j].Calibration.Factor}: zero variance over their common returns up to {Text(history.Dates[end])}");
                double rho = Math.Clamp(estimator.CoMoment(ra, rb) / Math.Sqrt(va * vb), -1.0, 1.0);
                matrix[i, j] = matrix[j, i] = rho;
                observations[i, j] = observations[j, i] = estimator.ObservationsUsed(n);
            }
            observations[i, i] = factors[i].Calibration.Observations;
        }
        return new EstimatedCorrelation(factors.Select(f => f.Calibration.Factor).ToArray(), matrix, observations);
    }

    private static FhsSample FilteredHistory(PriceHistory history, CalibrationSettings settings, List<(FactorCalibration Calibration, HistorySeries Series)> factors, int end, int horizonRows)
    {
        if (factors.Count == 0)
            throw new InputException(settings.Source, "distribution fhs needs at least one underlying calibrated from the history (a risk_factors entry with calibrate:)");
        // A sample row t needs, for every factor, a return at t with at least MinObservations returns before it.
        int firstRow = factors.Max(f => f.Series.FirstRow + 1 + f.Calibration.Estimator.MinObservations);
        int n = end - firstRow + 1;
        int needed = Math.Max(settings.Estimator.MinObservations, horizonRows);
        if (n < needed)
            throw new InputException(history.HeaderLocation(factors.MaxBy(f => f.Series.FirstRow + f.Calibration.Estimator.MinObservations).Series.Column),
                $"distribution fhs: only {Math.Max(n, 0)} history dates up to {Text(history.Dates[end])} have a filtered return for every calibrated factor (each needs min_observations earlier returns to filter it); at least {needed} are needed");
        int h = factors.Count;
        var residuals = new double[n * h];
        for (int k = 0; k < h; k++)
        {
            var s = factors[k].Series;
            var returns = Returns(s, end);
            var forecasts = new double[returns.Length];
            factors[k].Calibration.Estimator.ForecastVariances(returns, forecasts);
            for (int t = firstRow; t <= end; t++)
            {
                int i = t - s.FirstRow - 1;
                if (!(forecasts[i] > 0))
                    throw new InputException(history.HeaderLocation(s.Column), $"distribution fhs: column '{s.Column}' has a zero vol forecast for {Text(history.Dates[t])} (constant prices before it); its return cannot be filtered");
                residuals[(t - firstRow) * h + k] = returns[i] / Math.Sqrt(forecasts[i]);
            }
        }
        var dates = Enumerable.Range(firstRow, n).Select(t => history.Dates[t]).ToArray();
        return new FhsSample(factors.Select(f => f.Calibration.Factor).ToArray(), dates, residuals, horizonRows);
    }

    private static string Text(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
