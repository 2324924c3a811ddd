using StressMargin.Compute;
using StressMargin.Core.Margin;
using StressMargin.Core.Stress;

namespace StressMargin.Engine;

/// <summary>The outcome of a margin run, before it is written.</summary>
/// <param name="Input">The loaded scenario.</param>
/// <param name="Accounts">Margin per account, in book order.</param>
/// <param name="Attribution">Value and component ES per position, in book order.</param>
/// <param name="Risk">The backend's raw result (timings, revaluation count, memory).</param>
/// <param name="Backend">Backend name.</param>
/// <param name="Device">Device description.</param>
/// <param name="StartedUtc">When the run started (when loading began).</param>
/// <param name="Stress">Every account's P&amp;L under every stress scenario (no scenarios when none are configured).</param>
public sealed record MarginRunResult(
    LoadedScenario Input,
    IReadOnlyList<AccountMargin> Accounts,
    IReadOnlyList<PositionAttribution> Attribution,
    BookRisk Risk,
    string Backend,
    string Device,
    DateTimeOffset StartedUtc,
    StressResult Stress);
