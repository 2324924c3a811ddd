using StressMargin.Core;
using StressMargin.Core.Calibration;
using StressMargin.Core.MarketData;
using StressMargin.Core.RiskModel;
using StressMargin.IO.History;
using StressMargin.IO.Scenario;

namespace StressMargin.Engine.Calibration;

/// <summary>
/// Builds a scenario's factor model: from the scenario's numbers alone, or — when it has a <c>calibration</c> block —
/// by reading the price history, calibrating every <c>calibrate:</c> underlying as of the day before as_of
/// (<see cref="Calibrator"/>), and merging the estimated correlations into the model (<see cref="CalibratedModel"/>).
/// </summary>
public static class CalibrationStage
{
    /// <summary>Builds the factor model of a scenario.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="underlyings">Underlyings of the risky instruments held.</param>
    /// <param name="market">The market at as_of (for <c>spot_vol: atm</c>).</param>
    /// <param name="history">An already-read history to use instead of reading <c>calibration.history</c> (the
    /// backtest reads it once); null reads it.</param>
    /// <param name="historyFile">The history file's hash record, when already computed; null hashes the file.</param>
    /// <param name="warnings">Receives warnings on the history (one-day moves beyond ×2); null ignores them.</param>
    /// <returns>The model and, with a calibration block, what was calibrated.</returns>
    /// <exception cref="InputException">Any problem with the history, the calibration or the model.</exception>
    public static (FactorModel Factors, CalibrationRun? Calibration) BuildFactorModel(ScenarioFile scenario, IEnumerable<string> underlyings, MarketSnapshot market, PriceHistory? history = null, InputFileInfo? historyFile = null, InputWarnings? warnings = null)
    {
        var names = underlyings.Distinct().Order(StringComparer.Ordinal).ToArray();
        double h = scenario.Simulation.HorizonYears;
        if (scenario.Calibration is not { } settings)
            return (FactorModel.Build(names, scenario.RiskFactors, scenario.Correlation, market, h, scenario.RiskFactorsLocation), null);

        if (history is null)
            IO.Files.InputFiles.RequireRegularFile(settings.HistoryPath, settings.HistorySource, $"calibration.history: file not found: {settings.HistoryPath}");
        history ??= HistoryCsv.Read(settings.HistoryPath, settings.Calendar, warnings);
        var cutoff = CalibrationSettings.CutoffDate(scenario.AsOf);
        var result = Calibrator.Calibrate(history, settings, names, scenario.RiskFactors, cutoff, scenario.Simulation);
        var model = FactorModel.Build(names, result.RiskFactors, scenario.Correlation, market, h, scenario.RiskFactorsLocation);
        var (combined, repair, minEigen) = CalibratedModel.Apply(model, result, settings);
        return (combined, new CalibrationRun(settings, result, historyFile ?? InputFileInfo.Of("history", settings.HistoryPath), cutoff, minEigen, repair));
    }
}
