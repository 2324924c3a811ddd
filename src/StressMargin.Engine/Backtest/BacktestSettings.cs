namespace StressMargin.Engine.Backtest;

/// <summary>What <c>stressmargin backtest</c> was asked to do.</summary>
/// <param name="ScenarioPath">The scenario file (book, model, margin settings).</param>
/// <param name="HistoryPath">The price history (<c>--history</c>); null uses the scenario's <c>calibration.history</c>.</param>
/// <param name="From">First backtest date (inclusive).</param>
/// <param name="To">Last backtest date (inclusive), on or after <paramref name="From"/>.</param>
/// <param name="Paths">Monte Carlo paths per date.</param>
/// <param name="Seed">Seed override; null keeps <c>simulation.seed</c>. The same seed is used on every date (common
/// random numbers), so margins move with the model, not with Monte Carlo noise.</param>
/// <param name="OutputDirectory">Output folder override (relative to the current directory), or null for output.dir.</param>
public sealed record BacktestSettings(string ScenarioPath, string? HistoryPath, DateOnly From, DateOnly To, int Paths = BacktestSettings.DefaultPaths, ulong? Seed = null, string? OutputDirectory = null)
{
    /// <summary>Default paths per date: 20,000 (a 99 % ES then rests on 200 tail paths).</summary>
    public const int DefaultPaths = 20_000;
}
