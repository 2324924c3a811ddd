using StressMargin.Core;
using StressMargin.Core.Instruments;
using StressMargin.Core.Portfolio;

namespace StressMargin.Engine.Session;

/// <summary>
/// Applies trades to an account as a booking would, so that the result is the account a run would see with the trades
/// added to positions.csv: a trade in an instrument the account holds changes that position's quantity in place (the
/// position keeps its place, which fixes the order of the loss sum); a trade in a new instrument appends a position,
/// in trade order. Trades in the same instrument add up.
/// </summary>
public static class TradeBook
{
    /// <summary>The account after the trades.</summary>
    /// <param name="input">The loaded scenario (its instruments, factor model and market).</param>
    /// <param name="account">The account before.</param>
    /// <param name="trades">The trades, in order.</param>
    /// <param name="value0">Prices an instrument at t0 (so that an expired or unpriceable instrument is refused).</param>
    /// <returns>The account with the trades booked.</returns>
    /// <exception cref="InputException">An unknown instrument, a non-finite quantity, an instrument on an underlying
    /// the scenario does not simulate, or one that cannot be priced (expired, no surface), at the trade's source.</exception>
    public static Account Apply(LoadedScenario input, Account account, IReadOnlyList<Trade> trades, Func<Instrument, double> value0)
    {
        var positions = account.Positions.ToList();
        foreach (var trade in trades)
        {
            var instrument = Resolve(input, trade.InstrumentId, trade.Quantity, trade.Source, value0);
            int at = positions.FindIndex(p => ReferenceEquals(p.Instrument, instrument));
            if (at >= 0) positions[at] = positions[at] with { Quantity = positions[at].Quantity + trade.Quantity };
            else positions.Add(new Position(account.Id, instrument, trade.Quantity, trade.Source));
        }
        return new Account(account.Id, positions);
    }

    /// <summary>The instrument of a trade or position given by id, checked against the scenario.</summary>
    /// <param name="input">The loaded scenario.</param>
    /// <param name="instrumentId">Instrument id.</param>
    /// <param name="quantity">Signed contracts.</param>
    /// <param name="source">Where it was given.</param>
    /// <param name="value0">Prices an instrument at t0.</param>
    /// <returns>The instrument.</returns>
    /// <exception cref="InputException">Unknown, non-finite, unsimulated underlying, or unpriceable.</exception>
    public static Instrument Resolve(LoadedScenario input, string instrumentId, double quantity, SourceLocation? source, Func<Instrument, double> value0)
    {
        var instrument = input.Instruments.FirstOrDefault(i => i.Id == instrumentId)
            ?? throw new InputException(source, $"unknown instrument '{instrumentId}' (not in {input.Scenario.Inputs.Instruments})");
        if (!double.IsFinite(quantity)) throw new InputException(source, $"quantity of '{instrumentId}': expected a finite signed number of contracts, got {quantity}");
        if (instrument.IsRisky && !input.Factors.Underlyings.Contains(instrument.Underlying, StringComparer.Ordinal))
            throw new InputException(source, $"instrument '{instrumentId}' is on '{instrument.Underlying}', which no position of the book holds, so the scenario simulates no '{instrument.Underlying}' factor (simulated: {string.Join(", ", input.Factors.Underlyings)}); add a '{instrument.Underlying}' position to the book and restart");
        try
        {
            value0(instrument);
        }
        catch (InputException e)
        {
            throw new InputException(source, $"{e.Detail} (instrument defined at {e.Location})");
        }
        return instrument;
    }
}
