using StressMargin.Core.Calibration;

namespace StressMargin.Engine.Calibration;

/// <summary>A calibration as a run used it: the settings, the estimates, the history file and the correlation repair.</summary>
/// <param name="Settings">The scenario's calibration block.</param>
/// <param name="Result">The estimates.</param>
/// <param name="History">The history file with its hash.</param>
/// <param name="Cutoff">The last date the calibration could use (the day before as_of).</param>
/// <param name="SmallestEigenvalue">Smallest eigenvalue of the combined correlation matrix (estimated entries and the
/// scenario's) before any repair.</param>
/// <param name="Repair">The nearest-correlation repair, or null when none was needed.</param>
public sealed record CalibrationRun(
    CalibrationSettings Settings,
    CalibrationResult Result,
    InputFileInfo History,
    DateOnly Cutoff,
    double SmallestEigenvalue,
    CorrelationRepairReport? Repair);
