using System.Globalization;

namespace StressMargin.Core.RiskModel;

/// <summary>Which risk factor of an underlying: the log return of spot, the log change of the vol surface, or the
/// log-basis of its futures in one tenor bucket.</summary>
public enum FactorKind
{
    /// <summary>x, the log return of spot over the horizon.</summary>
    Spot = 0,
    /// <summary>y, the log change of every implied vol of the underlying.</summary>
    Vol = 1,
    /// <summary>β_k, the change of the log-basis ln(F/S) of the underlying's dated futures in tenor bucket k.</summary>
    Basis = 2,
}

/// <summary>A named risk factor, written <c>UNDERLYING.spot</c>, <c>UNDERLYING.vol</c> or <c>UNDERLYING.basisD</c>
/// (the basis bucket whose upper bound is D calendar days to expiry, e.g. <c>BTC.basis30</c>) in scenario files.</summary>
/// <param name="Underlying">Underlying symbol.</param>
/// <param name="Kind">Spot, vol or basis.</param>
/// <param name="BucketDays">For <see cref="FactorKind.Basis"/>: the bucket's upper bound in calendar days to expiry;
/// 0 otherwise.</param>
public sealed record FactorId(string Underlying, FactorKind Kind, int BucketDays = 0)
{
    /// <summary>Parses <c>BTC.spot</c>, <c>BTC.vol</c> or <c>BTC.basis30</c>.</summary>
    /// <param name="text">The name.</param>
    /// <param name="id">The factor, when the text parses.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(string text, out FactorId? id)
    {
        id = null;
        int dot = text.LastIndexOf('.');
        if (dot <= 0) return false;
        string tail = text[(dot + 1)..];
        if (tail.StartsWith("basis", StringComparison.Ordinal))
        {
            if (!int.TryParse(tail["basis".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int days) || days <= 0) return false;
            id = new FactorId(text[..dot], FactorKind.Basis, days);
            return true;
        }
        var kind = tail switch { "spot" => (FactorKind?)FactorKind.Spot, "vol" => FactorKind.Vol, _ => null };
        if (kind is null) return false;
        id = new FactorId(text[..dot], kind.Value);
        return true;
    }

    /// <summary>The file spelling, e.g. <c>BTC.spot</c> or <c>BTC.basis30</c>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Kind switch
    {
        FactorKind.Spot => $"{Underlying}.spot",
        FactorKind.Vol => $"{Underlying}.vol",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Underlying}.basis{BucketDays}"),
    };
}
