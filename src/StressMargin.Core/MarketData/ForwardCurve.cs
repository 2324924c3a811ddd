namespace StressMargin.Core.MarketData;

/// <summary>
/// The futures curve of one underlying: forward price F(t) in USD for a time t in years from the valuation time.
/// Interpolation (documented in docs/formats.md): ln F linear in t between nodes; before the first node, linear
/// from (0, ln S0); after the last node, a flat log-basis ln(F/S0), i.e. F(t) = F(T_last). Without nodes F(t) = S0.
/// </summary>
public sealed class ForwardCurve
{
    private readonly double[] _times;
    private readonly double[] _logForwards;

    /// <summary>Builds the curve.</summary>
    /// <param name="spot">Spot (index) price S0 in USD, positive.</param>
    /// <param name="times">Node times in years from the valuation time, strictly increasing and positive.</param>
    /// <param name="forwards">Forward prices in USD at those times, positive; same length as <paramref name="times"/>.</param>
    /// <exception cref="ArgumentException">Non-positive prices, unsorted or non-positive times, length mismatch.</exception>
    public ForwardCurve(double spot, IReadOnlyList<double> times, IReadOnlyList<double> forwards)
    {
        if (!(spot > 0)) throw new ArgumentException($"spot must be positive, got {spot}", nameof(spot));
        if (times.Count != forwards.Count) throw new ArgumentException("times and forwards differ in length");
        for (int i = 0; i < times.Count; i++)
        {
            if (!(times[i] > 0)) throw new ArgumentException($"forward node times must be positive, got {times[i]}");
            if (i > 0 && !(times[i] > times[i - 1])) throw new ArgumentException("forward node times must be strictly increasing");
            if (!(forwards[i] > 0)) throw new ArgumentException($"forwards must be positive, got {forwards[i]}");
        }
        Spot = spot;
        _times = times.ToArray();
        _logForwards = forwards.Select(f => Math.Log(f)).ToArray();
    }

    /// <summary>Spot price S0 in USD.</summary>
    public double Spot { get; }

    /// <summary>Forward price F(t) in USD.</summary>
    /// <param name="t">Time in years from the valuation time; t ≤ 0 gives spot.</param>
    /// <returns>Interpolated forward.</returns>
    public double Forward(double t)
    {
        if (t <= 0 || _times.Length == 0) return Spot;
        if (t >= _times[^1]) return Math.Exp(_logForwards[^1]);
        double t0 = 0, y0 = Math.Log(Spot);
        int i = Array.BinarySearch(_times, t);
        if (i >= 0) return Math.Exp(_logForwards[i]);
        i = ~i; // first node after t
        if (i > 0) { t0 = _times[i - 1]; y0 = _logForwards[i - 1]; }
        double a = (t - t0) / (_times[i] - t0);
        return Math.Exp(y0 + a * (_logForwards[i] - y0));
    }
}
