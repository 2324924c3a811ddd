namespace StressMargin.Core.RiskModel;

/// <summary>Which risk factor of an underlying: the log return of spot, or the log change of the vol surface.</summary>
public enum FactorKind
{
    /// <summary>x, the log return of spot over the horizon.</summary>
    Spot = 0,
    /// <summary>y, the log change of every implied vol of the underlying.</summary>
    Vol = 1,
}

/// <summary>A named risk factor, written <c>UNDERLYING.spot</c> or <c>UNDERLYING.vol</c> in scenario files.</summary>
/// <param name="Underlying">Underlying symbol.</param>
/// <param name="Kind">Spot or vol.</param>
public sealed record FactorId(string Underlying, FactorKind Kind)
{
    /// <summary>Parses <c>BTC.spot</c> or <c>BTC.vol</c>.</summary>
    /// <param name="text">The name.</param>
    /// <param name="id">The factor, when the text parses.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(string text, out FactorId? id)
    {
        id = null;
        int dot = text.LastIndexOf('.');
        if (dot <= 0) return false;
        var kind = text[(dot + 1)..] switch { "spot" => (FactorKind?)FactorKind.Spot, "vol" => FactorKind.Vol, _ => null };
        if (kind is null) return false;
        id = new FactorId(text[..dot], kind.Value);
        return true;
    }

    /// <summary>The file spelling, e.g. <c>BTC.spot</c>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => $"{Underlying}.{(Kind == FactorKind.Spot ? "spot" : "vol")}";
}
