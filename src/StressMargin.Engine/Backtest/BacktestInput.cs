using StressMargin.Core.Calibration;
using StressMargin.IO.Scenario;

namespace StressMargin.Engine.Backtest;

/// <summary>A backtest read and checked by <see cref="BacktestJob.Prepare"/>, ready to run.</summary>
/// <param name="Settings">The request.</param>
/// <param name="Scenario">The scenario with the effective paths, seed and history path.</param>
/// <param name="History">The price history.</param>
/// <param name="HistoryFile">The history file with its hash.</param>
/// <param name="Book">The book held fixed.</param>
/// <param name="Underlyings">Underlyings of the book's risky instruments, ordinal order.</param>
/// <param name="Series">History column of each underlying (same order).</param>
/// <param name="HorizonRows">D, history rows from a date to its realized loss.</param>
/// <param name="Rows">History rows of the backtest dates, ascending.</param>
/// <param name="PrepareSeconds">Seconds spent preparing.</param>
public sealed record BacktestInput(
    BacktestSettings Settings,
    ScenarioFile Scenario,
    PriceHistory History,
    InputFileInfo HistoryFile,
    BacktestBook Book,
    IReadOnlyList<string> Underlyings,
    IReadOnlyList<HistorySeries> Series,
    int HorizonRows,
    IReadOnlyList<int> Rows,
    double PrepareSeconds);
