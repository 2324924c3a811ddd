namespace StressMargin.Core.MarketData;

/// <summary>
/// The market at the valuation time <see cref="AsOf"/>: spot, forward curve and (optionally) implied-vol
/// surface per underlying.
/// </summary>
public sealed class MarketSnapshot
{
    private readonly Dictionary<string, ForwardCurve> _curves;
    private readonly Dictionary<string, VolSurface> _surfaces;

    /// <summary>Creates the snapshot.</summary>
    /// <param name="asOf">Valuation instant (UTC).</param>
    /// <param name="curves">Forward curve per underlying (each carries its spot).</param>
    /// <param name="surfaces">Vol surface per underlying; underlyings without options may have none.</param>
    public MarketSnapshot(DateTimeOffset asOf, IReadOnlyDictionary<string, ForwardCurve> curves, IReadOnlyDictionary<string, VolSurface> surfaces)
    {
        AsOf = asOf;
        _curves = new Dictionary<string, ForwardCurve>(curves, StringComparer.Ordinal);
        _surfaces = new Dictionary<string, VolSurface>(surfaces, StringComparer.Ordinal);
    }

    /// <summary>Valuation instant (UTC).</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>Whether the underlying has a spot (and hence a forward curve).</summary>
    /// <param name="underlying">Symbol.</param>
    /// <returns>True if known.</returns>
    public bool HasUnderlying(string underlying) => _curves.ContainsKey(underlying);

    /// <summary>The underlying's forward curve.</summary>
    /// <param name="underlying">Symbol.</param>
    /// <returns>The curve.</returns>
    /// <exception cref="KeyNotFoundException">Unknown underlying.</exception>
    public ForwardCurve Curve(string underlying) => _curves[underlying];

    /// <summary>The underlying's vol surface, or null if it has none.</summary>
    /// <param name="underlying">Symbol.</param>
    /// <returns>The surface or null.</returns>
    public VolSurface? Surface(string underlying) => _surfaces.GetValueOrDefault(underlying);

    /// <summary>Years from <see cref="AsOf"/> to an instant (ACT/365).</summary>
    /// <param name="instant">Instant, e.g. an expiry.</param>
    /// <returns>Year fraction.</returns>
    public double YearsTo(DateTimeOffset instant) => YearFraction.Between(AsOf, instant);
}
