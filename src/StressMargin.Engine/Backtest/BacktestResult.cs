using StressMargin.Core.Backtesting;

namespace StressMargin.Engine.Backtest;

/// <summary>One account (or the whole book) on one backtest date.</summary>
/// <param name="Date">Backtest date D: the model is calibrated on closes up to D and margins the book at D's close.</param>
/// <param name="Account">Index into <see cref="BacktestResult.AccountIds"/>.</param>
/// <param name="InitialMargin">IM at D (USD): max(ES·M, 0), M the APC buffer multiplier.</param>
/// <param name="ValueAtRisk">VaR at D (USD loss).</param>
/// <param name="ExpectedShortfall">ES at D (USD loss).</param>
/// <param name="RealizedLoss">−P&amp;L of the account's positions from D's close to the close D rows later (USD).</param>
/// <param name="EsBufferMultiplier">M at D.</param>
public sealed record BacktestObservation(DateOnly Date, int Account, double InitialMargin, double ValueAtRisk, double ExpectedShortfall, double RealizedLoss, double EsBufferMultiplier)
{
    /// <summary>Realized loss &gt; IM.</summary>
    public bool ImExceeded => RealizedLoss > InitialMargin;
    /// <summary>Realized loss &gt; VaR.</summary>
    public bool VarExceeded => RealizedLoss > ValueAtRisk;
}

/// <summary>The backtest of one account (or the whole book) over every date.</summary>
/// <param name="AccountId">Account id; <see cref="BacktestBook.BookAccountId"/> for the whole book.</param>
/// <param name="InitialMargin">Exceedances of IM, tested against p = 1 − es_confidence.</param>
/// <param name="ValueAtRisk">Exceedances of VaR, tested against p = 1 − var_confidence.</param>
/// <param name="MeanInitialMargin">Mean IM over the dates (USD).</param>
/// <param name="MeanRealizedLoss">Mean realized loss (USD).</param>
/// <param name="WorstExcessLoss">max over dates of (realized loss − IM), USD: negative when IM always covered the loss.</param>
public sealed record BacktestAccountSummary(string AccountId, ExceedanceSummary InitialMargin, ExceedanceSummary ValueAtRisk, double MeanInitialMargin, double MeanRealizedLoss, double WorstExcessLoss)
{
    /// <summary>Whether this is the whole-book row.</summary>
    public bool IsBook => AccountId == BacktestBook.BookAccountId;
}

/// <summary>What a backtest computed.</summary>
/// <param name="Settings">The request.</param>
/// <param name="ScenarioPath">Absolute scenario path.</param>
/// <param name="History">The history file with its hash.</param>
/// <param name="Book">The book held fixed.</param>
/// <param name="AccountIds">Account ids in <see cref="Book"/> order (the whole book first).</param>
/// <param name="HorizonRows">D, history rows between a date and its realized loss.</param>
/// <param name="Observations">Every (date, account), dates ascending, accounts in order.</param>
/// <param name="Summaries">Per account, in <see cref="AccountIds"/> order.</param>
/// <param name="ModelDescription">The model in words, e.g. <c>fhs(consecutive days), ewma(0.94), floor 10y, buffer 25 %</c>.</param>
/// <param name="Seconds">Wall-clock seconds of the whole backtest.</param>
/// <param name="OutputDirectory">Where the outputs go: <c>--out</c>, else the scenario's output.dir (absolute).</param>
public sealed record BacktestResult(
    BacktestSettings Settings,
    string ScenarioPath,
    InputFileInfo History,
    BacktestBook Book,
    IReadOnlyList<string> AccountIds,
    int HorizonRows,
    IReadOnlyList<BacktestObservation> Observations,
    IReadOnlyList<BacktestAccountSummary> Summaries,
    string ModelDescription,
    double Seconds,
    string OutputDirectory)
{
    /// <summary>Number of backtest dates.</summary>
    public int Dates => Observations.Count / Math.Max(1, AccountIds.Count);
}
