using StressMargin.Core.RiskModel;

namespace StressMargin.Core.Calibration;

/// <summary>Which anti-procyclicality measure set a factor's vol.</summary>
public enum ApcBinding
{
    /// <summary>The model (EWMA or window) estimate was used as is.</summary>
    None,
    /// <summary>The stress-weighted vol √((1 − w)σ²_model + w·σ²_stress) was used (option (b)).</summary>
    StressWeight,
    /// <summary>The long-lookback floor was above the other estimates and was used (option (c)).</summary>
    LookbackFloor,
}

/// <summary>
/// A factor estimated from the history: its vols before and after the anti-procyclicality tools, all annualized
/// (σ_daily·√P, P from the calendar).
/// </summary>
/// <param name="Factor">The factor (<c>BTC.spot</c>, or <c>BTC.vol</c> from a vol index).</param>
/// <param name="Column">History column it was estimated from.</param>
/// <param name="Estimator">The estimator used.</param>
/// <param name="Observations">Returns the model estimate rests on.</param>
/// <param name="FirstDate">Date of the first return available.</param>
/// <param name="ModelVol">The EWMA (or window) vol.</param>
/// <param name="StressVol">Vol over the stress period, when option (b) is selected.</param>
/// <param name="StressObservations">Returns in the stress period (0 without option (b)).</param>
/// <param name="FloorVol">Equally weighted vol over the lookback, when option (c) is selected or the buffer has a
/// release trigger.</param>
/// <param name="FloorObservations">Returns in the lookback (0 when not computed).</param>
/// <param name="UsedVol">The vol the model uses.</param>
/// <param name="Binding">Which measure set <paramref name="UsedVol"/>.</param>
public sealed record FactorCalibration(
    FactorId Factor,
    string Column,
    VolEstimator Estimator,
    int Observations,
    DateOnly FirstDate,
    double ModelVol,
    double? StressVol,
    int StressObservations,
    double? FloorVol,
    int FloorObservations,
    double UsedVol,
    ApcBinding Binding);
