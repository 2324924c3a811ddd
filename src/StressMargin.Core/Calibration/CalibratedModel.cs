using StressMargin.Core.RiskModel;

namespace StressMargin.Core.Calibration;

/// <summary>
/// Combines a calibration with the scenario's factor model: the correlations estimated from the history replace the
/// scenario's for the pairs of factors calibrated from it; every other correlation (factors with fixed numbers, vol
/// factors without a vol index) keeps the scenario's value. The combined matrix must be positive semi-definite
/// (smallest eigenvalue ≥ −<see cref="FactorModel.MatrixTolerance"/>); if it is not, it is an input error unless
/// <c>repair: nearest</c> is set, in which case the nearest correlation matrix (<see cref="NearestCorrelation"/>,
/// Higham 2002) is used and the size of the repair is reported.
/// </summary>
public static class CalibratedModel
{
    /// <summary>Applies the estimated correlations to a model.</summary>
    /// <param name="model">The model built from the calibrated risk_factors and the scenario's correlation block.</param>
    /// <param name="calibration">The calibration.</param>
    /// <param name="settings">The calibration block (repair mode, location for errors).</param>
    /// <returns>The model with the combined (and possibly repaired) correlation; the repair, or null; and the
    /// smallest eigenvalue of the combined matrix before any repair.</returns>
    /// <exception cref="InputException">Not positive semi-definite and no repair allowed.</exception>
    public static (FactorModel Model, CorrelationRepairReport? Repair, double SmallestEigenvalue) Apply(FactorModel model, CalibrationResult calibration, CalibrationSettings settings)
    {
        if (calibration.Correlation is not { } estimated) return (model, null, model.SmallestEigenvalue);
        var r = (double[,])model.Correlation.Clone();
        var index = estimated.Factors.Select(model.IndexOf).ToArray();
        for (int i = 0; i < index.Length; i++)
            for (int j = 0; j < index.Length; j++)
                if (index[i] >= 0 && index[j] >= 0) r[index[i], index[j]] = estimated.Matrix[i, j];
        double minEigen = NearestCorrelation.SmallestEigenvalue(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(r));
        if (minEigen >= -FactorModel.MatrixTolerance) return (model.WithCorrelation(r), null, minEigen);
        if (settings.Repair != CorrelationRepairMode.Nearest)
            throw new InputException(settings.CorrelationSource ?? settings.Source,
                FormattableString.Invariant($"the correlation matrix estimated from the history (with the scenario's correlation block for the other factors) is not positive semi-definite: smallest eigenvalue {minEigen:G6}; set calibration.correlation.repair: nearest to use the nearest correlation matrix (Higham 2002), or estimate over more common observations"));
        var (repaired, report) = NearestCorrelation.Repair(r);
        return (model.WithCorrelation(repaired), report, minEigen);
    }
}
