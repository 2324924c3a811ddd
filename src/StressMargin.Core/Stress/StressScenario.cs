using StressMargin.Core.MarketData;

namespace StressMargin.Core.Stress;

/// <summary>
/// A named deterministic scenario: either hypothetical moves per underlying (with <c>*</c> for every underlying
/// without its own entry), or a full replay market (a second snapshot of spots, forwards and vols) on which the
/// book is revalued. The loss counted towards margin is <see cref="Weight"/> × the scenario's loss.
/// </summary>
/// <param name="Name">Unique name, e.g. <c>deribit-pm/spot-16%/vol-up</c>.</param>
/// <param name="Weight">Fraction of the loss counted (1 for full, 0.35 for SPAN's extreme moves), in (0, 1].</param>
/// <param name="Moves">Moves by underlying; key <c>*</c> applies to underlyings without an entry.</param>
/// <param name="ReplayMarket">For a surface replay, the market to revalue on (its as_of is the valuation time); else null.</param>
/// <param name="Source">Where the scenario was defined.</param>
public sealed record StressScenario(
    string Name,
    double Weight,
    IReadOnlyDictionary<string, StressMove> Moves,
    MarketSnapshot? ReplayMarket = null,
    SourceLocation? Source = null)
{
    /// <summary>Key of the move that applies to every underlying without its own entry.</summary>
    public const string AllUnderlyings = "*";

    /// <summary>
    /// True when every underlying the book holds must have its own move (a historical replay: an underlying without a
    /// price on the replayed dates is an input error, not "unchanged").
    /// </summary>
    public bool RequiresEveryUnderlying { get; init; }

    /// <summary>The move of an underlying: its own entry, else the <c>*</c> entry, else no move.</summary>
    /// <param name="underlying">Symbol.</param>
    /// <returns>The move.</returns>
    public StressMove MoveOf(string underlying) =>
        Moves.TryGetValue(underlying, out var m) ? m : Moves.TryGetValue(AllUnderlyings, out var all) ? all : StressMove.None;
}
