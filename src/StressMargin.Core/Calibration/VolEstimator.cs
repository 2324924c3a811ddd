namespace StressMargin.Core.Calibration;

/// <summary>How a volatility or correlation is estimated from daily log returns.</summary>
public enum VolEstimatorMethod
{
    /// <summary>Exponentially weighted moving average (RiskMetrics): weight λ^(n−1−i) on the i-th of n returns.</summary>
    Ewma,
    /// <summary>Equal weights on the last <see cref="VolEstimator.WindowDays"/> returns.</summary>
    Window,
}

/// <summary>
/// A zero-mean estimator of the second moments of daily log returns, as in J.P. Morgan/Reuters, <i>RiskMetrics —
/// Technical Document</i>, 4th ed. (1996), §5.2.1 (the mean daily return is taken as zero). For returns r_0 … r_{n−1}
/// (oldest first) and another series s aligned with them:
/// <code>
/// EWMA:    m(r, s) = Σ_i λ^(n−1−i)·r_i·s_i / Σ_i λ^(n−1−i)      (all n returns, normalized weights)
/// window:  m(r, s) = (1/W')·Σ_{i ≥ n−W'} r_i·s_i,  W' = min(W, n)
/// </code>
/// The EWMA is evaluated by the recursion S ← λS + r·s, N ← λN + 1, m = S/N, which is RiskMetrics' σ² ← λσ² +
/// (1 − λ)r² with the finite-sample normalization Σλ^i = (1 − λ^n)/(1 − λ) in place of its infinite-sample limit
/// 1/(1 − λ). At λ = 1 it is the equally weighted mean of r·s over all n returns.
/// </summary>
/// <param name="Method">EWMA or window.</param>
/// <param name="Lambda">Decay λ in (0, 1] (EWMA only).</param>
/// <param name="WindowDays">Window W ≥ 1 in returns (window only).</param>
/// <param name="MinObservations">Fewest returns an estimate may rest on, ≥ 1.</param>
public sealed record VolEstimator(VolEstimatorMethod Method, double Lambda, int WindowDays, int MinObservations)
{
    /// <summary>RiskMetrics' daily decay factor, 0.94 (Technical Document §5.3.2).</summary>
    public const double DefaultLambda = 0.94;

    /// <summary>Default window for <see cref="VolEstimatorMethod.Window"/>: 250 returns.</summary>
    public const int DefaultWindowDays = 250;

    /// <summary>Default minimum number of returns: 250.</summary>
    public const int DefaultMinObservations = 250;

    /// <summary>The RiskMetrics default: EWMA with λ = 0.94, at least 250 returns.</summary>
    public static VolEstimator Default { get; } = new(VolEstimatorMethod.Ewma, DefaultLambda, DefaultWindowDays, DefaultMinObservations);

    /// <summary>Returns an estimate over n returns rests on: n for EWMA, min(W, n) for a window.</summary>
    /// <param name="available">n, returns available.</param>
    /// <returns>Observations used.</returns>
    public int ObservationsUsed(int available) => Method == VolEstimatorMethod.Window ? Math.Min(WindowDays, available) : available;

    /// <summary>The zero-mean co-moment m(r, s) of two aligned return series as of their last element (formula above).</summary>
    /// <param name="r">Returns, oldest first, length n ≥ 1.</param>
    /// <param name="s">Returns aligned with <paramref name="r"/>, same length.</param>
    /// <returns>m(r, s), daily (not annualized).</returns>
    /// <exception cref="ArgumentException">Empty or unequal lengths.</exception>
    public double CoMoment(ReadOnlySpan<double> r, ReadOnlySpan<double> s)
    {
        if (r.Length == 0 || r.Length != s.Length) throw new ArgumentException("need two aligned, non-empty return series");
        if (Method == VolEstimatorMethod.Window)
        {
            int w = Math.Min(WindowDays, r.Length);
            double sum = 0;
            for (int i = r.Length - w; i < r.Length; i++) sum += r[i] * s[i];
            return sum / w;
        }
        double weighted = 0, norm = 0;
        for (int i = 0; i < r.Length; i++)
        {
            weighted = Lambda * weighted + r[i] * s[i];
            norm = Lambda * norm + 1.0;
        }
        return weighted / norm;
    }

    /// <summary>The zero-mean variance m(r, r) as of the last return.</summary>
    /// <param name="r">Returns, oldest first, at least one.</param>
    /// <returns>Daily variance.</returns>
    public double Variance(ReadOnlySpan<double> r) => CoMoment(r, r);

    /// <summary>
    /// The one-day-ahead variance forecasts along a series: <c>forecasts[i]</c> = m(r_0 … r_{i−1}), the estimate
    /// from the returns before i (the conditional variance of r_i used to filter it in FHS); <c>forecasts[0]</c> =
    /// NaN. O(n) for both methods (the window keeps a running sum, recomputed every W steps to bound rounding).
    /// </summary>
    /// <param name="r">Returns, oldest first.</param>
    /// <param name="forecasts">Destination, same length as <paramref name="r"/>.</param>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public void ForecastVariances(ReadOnlySpan<double> r, Span<double> forecasts)
    {
        if (forecasts.Length != r.Length) throw new ArgumentException("forecasts must have one slot per return", nameof(forecasts));
        if (r.Length == 0) return;
        forecasts[0] = double.NaN;
        if (Method == VolEstimatorMethod.Ewma)
        {
            double weighted = 0, norm = 0;
            for (int i = 1; i < r.Length; i++)
            {
                weighted = Lambda * weighted + r[i - 1] * r[i - 1];
                norm = Lambda * norm + 1.0;
                forecasts[i] = weighted / norm;
            }
            return;
        }
        double sum = 0;
        for (int i = 1; i < r.Length; i++)
        {
            // Window of the returns before i: [max(0, i − W), i).
            int start = Math.Max(0, i - WindowDays);
            if ((i - 1) % WindowDays == 0)
            {
                sum = 0;
                for (int j = start; j < i; j++) sum += r[j] * r[j];
            }
            else
            {
                sum += r[i - 1] * r[i - 1];
                if (start > 0) sum -= r[start - 1] * r[start - 1];
            }
            forecasts[i] = sum / (i - start);
        }
    }
}
