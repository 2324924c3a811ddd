using StressMargin.Core.Calibration;
using StressMargin.Core.RiskModel;
using StressMargin.IO;
using StressMargin.IO.Output;

namespace StressMargin.Engine.Calibration;

/// <summary>
/// The <c>calibration</c> member of <c>manifest.json</c> (and of <c>calibration.json</c> from <c>stressmargin
/// calibrate</c>): the history, the estimator, the anti-procyclicality settings and outcome, every calibrated factor,
/// the correlation used with its repair, and the FHS sample — what a quant needs to see why margin moved
/// (docs/formats.md, "manifest.json").
/// </summary>
public static class CalibrationManifest
{
    /// <summary>Describes a calibration as a JSON-serializable object (snake_case by the caller's naming policy).</summary>
    /// <param name="run">The calibration.</param>
    /// <param name="model">The factor model the run used.</param>
    /// <param name="distribution">The simulation's distribution (for the FHS draw description).</param>
    /// <returns>The object.</returns>
    public static object Describe(CalibrationRun run, FactorModel model, ReturnDistribution distribution)
    {
        var s = run.Settings;
        var r = run.Result;
        var names = Enumerable.Range(0, model.FactorCount).Select(f => model.FactorAt(f).ToString()).ToArray();
        return new
        {
            History = run.History.Path,
            Calendar = s.Calendar.Name(),
            PeriodsPerYear = s.Calendar.PeriodsPerYear(),
            CutoffDate = IsoTime.FormatDate(run.Cutoff),
            DataEnd = IsoTime.FormatDate(r.DataEnd),
            Method = s.Estimator.Method == VolEstimatorMethod.Ewma ? "ewma" : "window",
            Lambda = s.Estimator.Method == VolEstimatorMethod.Ewma ? (double?)s.Estimator.Lambda : null,
            WindowDays = s.Estimator.Method == VolEstimatorMethod.Window ? (int?)s.Estimator.WindowDays : null,
            s.Estimator.MinObservations,
            Apc = new
            {
                Buffer = s.Apc.BufferRate,
                BufferReleaseVolRatio = s.Apc.BufferReleaseVolRatio,
                StressWeight = s.Apc.StressWeight is { } w ? new { Period = new[] { IsoTime.FormatDate(w.Start), IsoTime.FormatDate(w.End) }, w.Weight } : null,
                s.Apc.FloorLookbackYears,
            },
            r.EsBufferMultiplier,
            r.BufferReleased,
            r.LongRunVolRatio,
            Factors = r.Factors.Select(c => new
            {
                Factor = c.Factor.ToString(),
                c.Column,
                Estimator = CalibrationCsv.EstimatorName(c.Estimator),
                c.Observations,
                FirstDate = IsoTime.FormatDate(c.FirstDate),
                c.ModelVol,
                c.StressVol,
                c.FloorVol,
                FloorObservations = c.FloorVol is null ? (int?)null : c.FloorObservations,
                c.UsedVol,
                Binding = CalibrationCsv.BindingName(c.Binding),
            }),
            Correlation = new
            {
                Estimated = r.Correlation is not null,
                EstimatedFactors = r.Correlation?.Factors.Select(f => f.ToString()),
                SmallestEigenvalue = run.SmallestEigenvalue,
                Repair = run.Repair is { } rep ? new
                {
                    Method = "nearest",
                    rep.FrobeniusDistance,
                    rep.MaxAbsChange,
                    rep.SmallestEigenvalueBefore,
                    rep.SmallestEigenvalueAfter,
                    rep.Iterations,
                } : null,
                Factors = names,
                Matrix = Enumerable.Range(0, model.FactorCount).Select(i => Enumerable.Range(0, model.FactorCount).Select(j => model.Correlation[i, j]).ToArray()),
            },
            Fhs = r.Fhs is { } fhs ? new
            {
                Dates = fhs.Dates.Count,
                FirstDate = IsoTime.FormatDate(fhs.Dates[0]),
                LastDate = IsoTime.FormatDate(fhs.Dates[^1]),
                DaysPerPath = fhs.HorizonRows,
                Draw = distribution.Days == FhsDays.Consecutive ? "consecutive" : "independent",
                Factors = fhs.Factors.Select(f => f.ToString()),
            } : null,
        };
    }
}
