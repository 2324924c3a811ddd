namespace StressMargin.Core.Margin.AddOns;

/// <summary>
/// The market-impact part of the liquidation cost (<c>margin.addons.market_impact</c>), the square-root law of
/// Almgren, Thum, Hauptmann and Li (2005), "Direct estimation of equity market impact", Risk 18(7), and Tóth et al.
/// (2011), "Anomalous price impact and the critical nature of liquidity in financial markets", Phys. Rev. X 1, 021006;
/// for options in vega terms, Tóth, Eisler and Bouchaud (2016), "The square-root impact law also holds for option
/// markets", Wilmott 2016(85). Per bucket of an account (docs/model.md §9.2.1):
/// <code>
/// cost = Y · σ_daily · |R| · √(|R| / L)      (L &gt; 0)
/// cost = Y · σ_daily · |R| · √p_default       (no depth in the bucket: L = 0)
/// </code>
/// with R the account's net risk in the bucket, L the market's daily traded risk in it and σ_daily the daily vol of
/// the bucket's price (spot, or implied vol for vega).
/// </summary>
/// <param name="Y">The dimensionless prefactor Y of the square-root law; Tóth et al. (2011) measure Y of order one
/// across futures markets; default 1.</param>
/// <param name="OpenInterestTurnover">Fraction of open interest taken to trade per day for an instrument with open
/// interest but no 24-hour volume; default 0.15, the chain-wide 24-hour volume / open interest of the sample
/// snapshot (0.17 BTC, 0.14 ETH).</param>
/// <param name="DefaultParticipation">The participation |R| / L assumed for a bucket with no depth data at all (the
/// documented default; the positions without depth are counted in <c>depth_fallbacks</c>); default 1: the net
/// position is a whole day's volume.</param>
public sealed record MarketImpactSettings(double Y = 1.0, double OpenInterestTurnover = 0.15, double DefaultParticipation = 1.0);
