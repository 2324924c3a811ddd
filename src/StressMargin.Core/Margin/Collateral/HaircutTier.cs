namespace StressMargin.Core.Margin.Collateral;

/// <summary>
/// One band of an asset's haircut schedule: the part of an account's collateral value in the asset (USD) that lies in
/// (previous band's <see cref="UpToUsd"/>, <see cref="UpToUsd"/>] counts at (1 − <see cref="Haircut"/>) of its value
/// (tiered collateral ratios, e.g. MEXC's multi-assets mode: 90 % up to 1 BTC, 80 % above).
/// </summary>
/// <param name="UpToUsd">Upper bound of the band, USD of collateral value; +∞ for the last band.</param>
/// <param name="Haircut">Fraction of the band's value not counted, in [0, 1).</param>
public sealed record HaircutTier(double UpToUsd, double Haircut);
