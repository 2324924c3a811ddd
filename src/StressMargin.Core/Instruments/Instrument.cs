namespace StressMargin.Core.Instruments;

/// <summary>
/// A listed contract as it appears in <c>instruments.csv</c>. Immutable; validated on construction by
/// <see cref="Validate"/>.
/// </summary>
/// <param name="Id">Unique instrument id, e.g. <c>BTC-27MAR26-90000-C</c>.</param>
/// <param name="Kind">Cash, spot, future, perpetual or option.</param>
/// <param name="Underlying">Underlying symbol (e.g. <c>BTC</c>); for cash, the currency (e.g. <c>USD</c>).</param>
/// <param name="ExpiryUtc">Expiry instant (UTC); required for futures and options, null otherwise.</param>
/// <param name="Strike">Strike in USD per unit of underlying; options only.</param>
/// <param name="Right">Call or put; options only.</param>
/// <param name="Multiplier">Units of underlying per contract (positive); value = quantity × multiplier × price.</param>
/// <param name="Source">Where the instrument was defined, for error messages; may be null.</param>
public sealed record Instrument(
    string Id,
    InstrumentKind Kind,
    string Underlying,
    DateTimeOffset? ExpiryUtc,
    double? Strike,
    OptionRight? Right,
    double Multiplier,
    SourceLocation? Source = null)
{
    /// <summary>True for the kinds whose value depends on the underlying's spot (everything but cash).</summary>
    public bool IsRisky => Kind != InstrumentKind.Cash;

    /// <summary>Checks the fields that depend on the kind.</summary>
    /// <exception cref="InputException">An option without expiry, strike or right; a future without expiry;
    /// a non-positive strike or multiplier.</exception>
    public void Validate()
    {
        if (!(Multiplier > 0) || double.IsInfinity(Multiplier))
            throw new InputException(Source?.Cell("multiplier"), $"instrument '{Id}': multiplier must be a positive number, got {Multiplier}");
        switch (Kind)
        {
            case InstrumentKind.Option:
                if (ExpiryUtc is null) throw new InputException(Source?.Cell("expiry"), $"option '{Id}' has no expiry");
                if (Strike is null) throw new InputException(Source?.Cell("strike"), $"option '{Id}' has no strike");
                if (!(Strike > 0) || double.IsInfinity(Strike.Value))
                    throw new InputException(Source?.Cell("strike"), $"option '{Id}': strike must be a positive number, got {Strike}");
                if (Right is null) throw new InputException(Source?.Cell("option_type"), $"option '{Id}' has no option_type (expected call or put)");
                break;
            case InstrumentKind.Future:
                if (ExpiryUtc is null) throw new InputException(Source?.Cell("expiry"), $"future '{Id}' has no expiry");
                break;
        }
    }
}
