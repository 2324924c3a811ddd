using StressMargin.Core.Instruments;

namespace StressMargin.Core.Portfolio;

/// <summary>
/// A holding of one instrument in one account, as in <c>positions.csv</c>.
/// Value in USD = <see cref="Quantity"/> × multiplier × price.
/// </summary>
/// <param name="AccountId">The account holding the position.</param>
/// <param name="Instrument">The instrument held.</param>
/// <param name="Quantity">Signed number of contracts (negative = short).</param>
/// <param name="Source">Where the position was defined, for error messages; may be null.</param>
public sealed record Position(string AccountId, Instrument Instrument, double Quantity, SourceLocation? Source = null)
{
    /// <summary>Units of underlying exposure per unit of price: quantity × multiplier.</summary>
    public double Weight => Quantity * Instrument.Multiplier;
}
