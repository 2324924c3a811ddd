using StressMargin.Core.Calibration;
using StressMargin.Core.RiskModel;
using StressMargin.IO.Csv;

namespace StressMargin.IO.Output;

/// <summary>
/// <c>calibration.csv</c> (docs/formats.md, "calibration.csv"): one row per model factor, in factor order — its vols before and after
/// the anti-procyclicality tools (annualized decimals) and its row of the correlation matrix the model used, in
/// columns <c>rho_FACTOR</c>. Factors not estimated from the history (source <c>scenario</c>) have empty estimate
/// columns and their vol from the scenario file.
/// </summary>
public static class CalibrationCsv
{
    /// <summary>The fixed columns, before one <c>rho_FACTOR</c> column per factor.</summary>
    public static readonly string[] FixedColumns =
    [
        "factor", "source", "column", "estimator", "observations", "first_date", "model_vol", "stress_vol", "stress_observations",
        "floor_vol", "floor_observations", "used_vol", "binding",
    ];

    /// <summary>The file spelling of a binding: <c>none</c>, <c>stress_weight</c>, <c>lookback_floor</c>.</summary>
    /// <param name="binding">The binding.</param>
    /// <returns>The name.</returns>
    public static string BindingName(ApcBinding binding) => binding switch
    {
        ApcBinding.None => "none",
        ApcBinding.StressWeight => "stress_weight",
        _ => "lookback_floor",
    };

    /// <summary>An estimator's short description: <c>ewma(0.94)</c> or <c>window(250)</c>.</summary>
    /// <param name="estimator">The estimator.</param>
    /// <returns>The description.</returns>
    public static string EstimatorName(VolEstimator estimator) => estimator.Method == VolEstimatorMethod.Ewma
        ? FormattableString.Invariant($"ewma({estimator.Lambda})")
        : FormattableString.Invariant($"window({estimator.WindowDays})");

    /// <summary>Writes the file.</summary>
    /// <param name="path">Destination (a temporary name of an <see cref="AtomicFileSet"/>).</param>
    /// <param name="model">The factor model the run used (vols and correlation).</param>
    /// <param name="calibration">The calibration.</param>
    public static void Write(string path, FactorModel model, CalibrationResult calibration)
    {
        var names = Enumerable.Range(0, model.FactorCount).Select(f => model.FactorAt(f).ToString()).ToArray();
        using var w = new CsvTableWriter(path, [.. FixedColumns, .. names.Select(n => "rho_" + n)]);
        var byName = calibration.Factors.ToDictionary(c => c.Factor.ToString(), StringComparer.Ordinal);
        for (int f = 0; f < model.FactorCount; f++)
        {
            w.Field(names[f]);
            if (byName.TryGetValue(names[f], out var c))
            {
                w.Field("history").Field(c.Column).Field(EstimatorName(c.Estimator)).Field(c.Observations)
                 .Field(IsoTime.FormatDate(c.FirstDate))
                 .Field(c.ModelVol).Field(c.StressVol).Field(c.StressVol is null ? null : (double?)c.StressObservations)
                 .Field(c.FloorVol).Field(c.FloorVol is null ? null : (double?)c.FloorObservations).Field(model.FactorVolAnnualized(f)).Field(BindingName(c.Binding));
            }
            else
            {
                w.Field("scenario");
                for (int i = 0; i < 9; i++) w.Field((string?)null);
                w.Field(model.FactorVolAnnualized(f)).Field((string?)null);
            }
            for (int j = 0; j < model.FactorCount; j++) w.Field(model.Correlation[f, j]);
            w.EndRecord();
        }
    }
}
