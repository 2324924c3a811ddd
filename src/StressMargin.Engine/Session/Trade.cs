using System.Globalization;
using StressMargin.Core;

namespace StressMargin.Engine.Session;

/// <summary>A hypothetical trade: a signed quantity of contracts of one instrument of instruments.csv.</summary>
/// <param name="InstrumentId">Instrument id.</param>
/// <param name="Quantity">Signed contracts (negative = sell), finite.</param>
/// <param name="Source">Where the trade was given (a command-line option, a JSON member), for error messages.</param>
public sealed record Trade(string InstrumentId, double Quantity, SourceLocation? Source = null)
{
    /// <summary>Parses <c>INSTRUMENT:QUANTITY</c> (split at the last colon), e.g. <c>BTC-27MAR26-90000-C:-5</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="source">Where it was given.</param>
    /// <returns>The trade.</returns>
    /// <exception cref="InputException">No colon, an empty instrument, or a quantity that is not a finite number.</exception>
    public static Trade Parse(string text, SourceLocation? source = null)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            throw new InputException(source, $"expected INSTRUMENT:QUANTITY such as BTC-27MAR26-90000-C:-5, got '{text}'");
        string id = text[..colon].Trim(), quantity = text[(colon + 1)..].Trim();
        if (!double.TryParse(quantity, NumberStyles.Float, CultureInfo.InvariantCulture, out double q) || !double.IsFinite(q))
            throw new InputException(source, $"quantity: expected a finite signed number of contracts, got '{quantity}'");
        return new Trade(id, q, source);
    }
}
