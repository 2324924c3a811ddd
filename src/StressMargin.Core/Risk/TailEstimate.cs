namespace StressMargin.Core.Risk;

/// <summary>
/// Tail statistics of one account's simulated loss distribution (loss = −P&amp;L, USD, positive = a loss).
/// </summary>
/// <param name="ValueAtRisk">VaR at the VaR confidence: the ⌈n·α⌉-th smallest loss (see <see cref="TailEstimator"/>).</param>
/// <param name="ExpectedShortfall">ES at the ES confidence, Acerbi–Tasche estimator.</param>
/// <param name="EsStdError">Monte Carlo standard error of the ES by batch means; NaN when the tail is too small to batch.</param>
/// <param name="TailSize">k = n(1 − α_ES), the (fractional) number of tail paths.</param>
/// <param name="TailPaths">The ⌊k⌋ + 1 largest-loss paths, sorted by loss descending then path index ascending.
/// Path i &lt; ⌊k⌋ has ES weight 1/k; the last has weight (k − ⌊k⌋)/k.</param>
public sealed record TailEstimate(double ValueAtRisk, double ExpectedShortfall, double EsStdError, double TailSize, int[] TailPaths)
{
    /// <summary>ES weight of the i-th tail path (0-based, in <see cref="TailPaths"/> order).</summary>
    /// <param name="i">Rank in the tail.</param>
    /// <returns>1/k for i &lt; ⌊k⌋, (k − ⌊k⌋)/k for i = ⌊k⌋.</returns>
    public double Weight(int i) => i < Math.Floor(TailSize) ? 1.0 / TailSize : (TailSize - Math.Floor(TailSize)) / TailSize;
}
