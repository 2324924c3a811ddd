using StressMargin.Core.Portfolio;

namespace StressMargin.Core.Greeks;

/// <summary>Position and account Greeks of a book (the rows of <c>greeks.csv</c>).</summary>
public static class BookGreeks
{
    /// <summary>
    /// Every account's position rows in file order, then one account row per underlying it holds a risky position in
    /// (first-appearance order) with the sums of those positions' Greeks.
    /// </summary>
    /// <param name="book">The book.</param>
    /// <param name="calculator">Per-unit Greeks on the t0 market.</param>
    /// <param name="spotOf">S0 of an underlying, USD.</param>
    /// <returns>Rows grouped by account in book order: its positions, then its per-underlying totals.</returns>
    /// <exception cref="InputException">An instrument that cannot be valued at t0.</exception>
    public static IReadOnlyList<PositionGreeks> Compute(Book book, GreeksCalculator calculator, Func<string, double> spotOf)
    {
        var unit = new Dictionary<Instruments.Instrument, UnitGreeks>(ReferenceEqualityComparer.Instance);
        foreach (var instrument in book.HeldInstruments) unit[instrument] = calculator.PerUnit(instrument);
        var rows = new List<PositionGreeks>(book.Positions.Count + book.Accounts.Count);
        foreach (var account in book.Accounts)
        {
            var totals = new Dictionary<string, (double Delta, double Gamma, double Vega, double Theta)>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var p in account.Positions)
            {
                var g = unit[p.Instrument];
                double w = p.Weight;
                string u = p.Instrument.Underlying;
                double spot = p.Instrument.IsRisky ? spotOf(u) : 1.0;
                rows.Add(new PositionGreeks(account.Id, p.Instrument.Id, u, p.Quantity, spot, w * g.Delta, w * g.Gamma, w * g.Vega, w * g.Theta));
                if (!p.Instrument.IsRisky) continue;
                if (!totals.TryGetValue(u, out var t)) order.Add(u);
                totals[u] = (t.Delta + w * g.Delta, t.Gamma + w * g.Gamma, t.Vega + w * g.Vega, t.Theta + w * g.Theta);
            }
            foreach (var u in order)
            {
                var t = totals[u];
                rows.Add(new PositionGreeks(account.Id, null, u, null, spotOf(u), t.Delta, t.Gamma, t.Vega, t.Theta));
            }
        }
        return rows;
    }
}
