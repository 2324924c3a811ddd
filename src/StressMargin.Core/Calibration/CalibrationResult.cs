using StressMargin.Core.RiskModel;

namespace StressMargin.Core.Calibration;

/// <summary>
/// The risk model's parameters as estimated from the price history on one date, before they are combined with the
/// scenario's own numbers into a <see cref="FactorModel"/> (<see cref="CalibratedModel"/>).
/// </summary>
/// <param name="DataEnd">Date of the last history row used.</param>
/// <param name="Factors">Factors estimated from the history, in model factor order.</param>
/// <param name="RiskFactors">The scenario's risk_factors entries with calibrated numbers filled in (σ = the used spot
/// vol; ν = the used vol-index vol when one is given, else the entry's vol_of_vol).</param>
/// <param name="Correlation">Correlations estimated between the <paramref name="Factors"/>, or null when
/// <c>calibration.correlation.estimate</c> is false (or fewer than two factors have history).</param>
/// <param name="EsBufferMultiplier">EMIR Art. 28(1)(a) buffer multiplier on each account's ES term: 1 + b, or 1
/// without a buffer or when it is released.</param>
/// <param name="BufferReleased">True when a buffer is configured and was released by its trigger.</param>
/// <param name="LongRunVolRatio">max over calibrated spot factors of σ_model/σ_long-run, when a buffer release
/// trigger is configured; else null.</param>
/// <param name="Fhs">The filtered history for <c>distribution: fhs</c>, else null.</param>
public sealed record CalibrationResult(
    DateOnly DataEnd,
    IReadOnlyList<FactorCalibration> Factors,
    IReadOnlyDictionary<string, RiskFactorSpec> RiskFactors,
    EstimatedCorrelation? Correlation,
    double EsBufferMultiplier,
    bool BufferReleased,
    double? LongRunVolRatio,
    FhsSample? Fhs);
