using StressMargin.Core.Numerics;

namespace StressMargin.Core.MarketData;

/// <summary>
/// One expiry slice of an implied-volatility surface, held as total variance w = σ²·T against
/// log-moneyness k = ln(K / F(T)). Between nodes w is linear in k; beyond the outermost nodes w is flat
/// (flat implied vol in strike). Source: J. Gatheral, "The Volatility Surface" (Wiley, 2006), ch. 1–3,
/// on interpolating in total variance.
/// </summary>
public sealed class VolSmile
{
    private readonly double[] _k;
    private readonly double[] _w;

    /// <summary>Builds the slice.</summary>
    /// <param name="expiryYears">T, years from the valuation time to expiry, positive.</param>
    /// <param name="forward">F(T) in USD used to convert strikes to log-moneyness.</param>
    /// <param name="strikes">Strikes in USD, positive, strictly increasing.</param>
    /// <param name="impliedVols">Annualized decimal implied vols at those strikes, positive.</param>
    /// <exception cref="ArgumentException">Empty slice, unsorted strikes, non-positive values.</exception>
    public VolSmile(double expiryYears, double forward, IReadOnlyList<double> strikes, IReadOnlyList<double> impliedVols)
    {
        if (!(expiryYears > 0)) throw new ArgumentException($"expiry must be after the valuation time, got T = {expiryYears}");
        if (strikes.Count == 0 || strikes.Count != impliedVols.Count) throw new ArgumentException("a smile needs at least one strike, with one vol per strike");
        _k = new double[strikes.Count];
        _w = new double[strikes.Count];
        for (int i = 0; i < strikes.Count; i++)
        {
            if (!(strikes[i] > 0)) throw new ArgumentException($"strike must be positive, got {strikes[i]}");
            if (i > 0 && !(strikes[i] > strikes[i - 1])) throw new ArgumentException("strikes must be strictly increasing");
            if (!(impliedVols[i] > 0)) throw new ArgumentException($"implied vol must be positive, got {impliedVols[i]}");
            _k[i] = Math.Log(strikes[i] / forward);
            _w[i] = impliedVols[i] * impliedVols[i] * expiryYears;
        }
        ExpiryYears = expiryYears;
    }

    /// <summary>T in years.</summary>
    public double ExpiryYears { get; }

    /// <summary>Node log-moneyness values, increasing.</summary>
    public ReadOnlySpan<double> LogMoneyness => _k;

    /// <summary>Node total variances σ²T.</summary>
    public ReadOnlySpan<double> TotalVariance => _w;

    /// <summary>Total variance w(k): linear between nodes, flat beyond the outermost nodes.</summary>
    /// <param name="k">Log-moneyness ln(K/F(T)).</param>
    /// <returns>σ²·T at k.</returns>
    public double TotalVarianceAt(double k) => Interpolate(new HostArray<double>(_k), new HostArray<double>(_w), 0, _k.Length, k);

    /// <summary>
    /// Piecewise-linear interpolation with flat extrapolation, the rule used for every smile (binary search for
    /// the bracketing nodes, then w_lo + a·(w_hi − w_lo) with a = (x − k_lo)/(k_hi − k_lo)). Device math: the same
    /// code runs in the CPU backend and in the GPU kernels.
    /// </summary>
    /// <typeparam name="TArray">Storage of the nodes.</typeparam>
    /// <param name="k">Increasing node abscissae (log-moneyness).</param>
    /// <param name="w">Node values (total variance), same layout.</param>
    /// <param name="offset">Index of the smile's first node in <paramref name="k"/> and <paramref name="w"/>.</param>
    /// <param name="count">Number of nodes, at least one.</param>
    /// <param name="x">Query point.</param>
    /// <returns>Interpolated value.</returns>
    public static double Interpolate<TArray>(TArray k, TArray w, int offset, int count, double x) where TArray : struct, IDeviceArray<double>
    {
        int last = offset + count - 1;
        if (x <= k[offset]) return w[offset];
        if (x >= k[last]) return w[last];
        int lo = offset, hi = last; // invariant: k[lo] < x < k[hi]
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >> 1;
            if (k[mid] <= x) lo = mid; else hi = mid;
        }
        double a = (x - k[lo]) / (k[hi] - k[lo]);
        return w[lo] + a * (w[hi] - w[lo]);
    }
}
