using StressMargin.Core.Instruments;
using StressMargin.Core.Portfolio;

namespace StressMargin.Engine.Backtest;

/// <summary>
/// The book a backtest holds fixed: the linear positions (spot, perpetuals, futures, and cash) of every account that
/// has at least one spot, perpetual or future, plus the whole book as one extra account (id
/// <see cref="BookAccountId"/>, listed first) holding the net quantity of each such instrument. Options are left out:
/// a history of closes has no implied-vol surfaces to revalue them on.
/// </summary>
/// <param name="Book">The accounts to margin: the book account first, then the kept accounts in file order.</param>
/// <param name="OptionPositionsLeftOut">Option positions dropped.</param>
/// <param name="AccountsLeftOut">Accounts without any spot, perpetual or future position (nothing to backtest).</param>
public sealed record BacktestBook(Book Book, int OptionPositionsLeftOut, IReadOnlyList<string> AccountsLeftOut)
{
    /// <summary>Id of the whole-book account: empty, which no account of positions.csv can have.</summary>
    public const string BookAccountId = "";

    /// <summary>Selects the linear positions and adds the whole-book account.</summary>
    /// <param name="positions">positions.csv, in file order.</param>
    /// <returns>The backtest book (its <see cref="Book"/> has only the book account when nothing is linear).</returns>
    public static BacktestBook From(IReadOnlyList<Position> positions)
    {
        static bool Linear(Instrument i) => i.Kind is InstrumentKind.Spot or InstrumentKind.Perpetual or InstrumentKind.Future;
        var kept = positions.GroupBy(p => p.AccountId).Where(g => g.Any(p => Linear(p.Instrument))).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var left = positions.Select(p => p.AccountId).Distinct().Where(a => !kept.Contains(a)).ToArray();
        var accountPositions = positions.Where(p => kept.Contains(p.AccountId) && p.Instrument.Kind != InstrumentKind.Option).ToArray();
        var net = accountPositions.Where(p => Linear(p.Instrument))
            .GroupBy(p => p.Instrument, ReferenceEqualityComparer.Instance)
            .Select(g => new Position(BookAccountId, (Instrument)g.Key!, g.Sum(p => p.Quantity)))
            .ToArray();
        return new BacktestBook(new Book([.. net, .. accountPositions]), positions.Count(p => p.Instrument.Kind == InstrumentKind.Option), left);
    }
}
