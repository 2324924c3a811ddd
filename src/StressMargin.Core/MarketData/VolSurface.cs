namespace StressMargin.Core.MarketData;

/// <summary>
/// Implied-volatility surface of one underlying: smiles at listed expiries, interpolated as in Gatheral,
/// "The Volatility Surface" (2006): per expiry, total variance linear in log-moneyness k = ln(K/F(T)) with
/// flat vol beyond the outermost strikes; between expiries, total variance linear in T at fixed k; flat vol
/// before the first and after the last expiry. All times are ACT/365 years from the valuation time.
/// </summary>
public sealed class VolSurface
{
    private readonly VolSmile[] _smiles;

    /// <summary>Builds the surface.</summary>
    /// <param name="underlying">Underlying symbol.</param>
    /// <param name="forwards">The underlying's forward curve, used to turn strikes into log-moneyness.</param>
    /// <param name="smiles">One smile per expiry, strictly increasing in expiry.</param>
    /// <exception cref="ArgumentException">No smiles, or expiries not strictly increasing.</exception>
    public VolSurface(string underlying, ForwardCurve forwards, IReadOnlyList<VolSmile> smiles)
    {
        if (smiles.Count == 0) throw new ArgumentException($"vol surface for {underlying} has no expiries");
        for (int i = 1; i < smiles.Count; i++)
            if (!(smiles[i].ExpiryYears > smiles[i - 1].ExpiryYears)) throw new ArgumentException("smile expiries must be strictly increasing");
        Underlying = underlying;
        Forwards = forwards;
        _smiles = smiles.ToArray();
    }

    /// <summary>Underlying symbol.</summary>
    public string Underlying { get; }

    /// <summary>The forward curve the log-moneyness is measured against.</summary>
    public ForwardCurve Forwards { get; }

    /// <summary>The smiles, increasing in expiry.</summary>
    public IReadOnlyList<VolSmile> Smiles => _smiles;

    /// <summary>Implied vol at a strike and expiry: k = ln(K / F(T)), then <see cref="ImpliedVolAtLogMoneyness"/>.</summary>
    /// <param name="strike">K in USD, positive.</param>
    /// <param name="t">T in years from the valuation time, positive.</param>
    /// <returns>Annualized decimal implied vol.</returns>
    public double ImpliedVol(double strike, double t) => ImpliedVolAtLogMoneyness(Math.Log(strike / Forwards.Forward(t)), t);

    /// <summary>Implied vol at log-moneyness k and time T (rules in the type's summary).</summary>
    /// <param name="k">ln(K / F(T)).</param>
    /// <param name="t">T in years, positive.</param>
    /// <returns>Annualized decimal implied vol.</returns>
    public double ImpliedVolAtLogMoneyness(double k, double t)
    {
        var (lo, hi, a) = Bracket(t);
        double wLo = _smiles[lo].TotalVarianceAt(k);
        if (lo == hi) return Math.Sqrt(wLo / _smiles[lo].ExpiryYears);
        double w = wLo + a * (_smiles[hi].TotalVarianceAt(k) - wLo);
        return Math.Sqrt(w / t);
    }

    /// <summary>
    /// The smiles that bracket time t and the interpolation weight: w(k, t) = w_lo(k) + a·(w_hi(k) − w_lo(k)).
    /// Outside the listed expiries lo = hi (flat vol from that smile).
    /// </summary>
    /// <param name="t">T in years.</param>
    /// <returns>Indices into <see cref="Smiles"/> and the weight a in [0, 1].</returns>
    public (int Lo, int Hi, double Weight) Bracket(double t)
    {
        if (t <= _smiles[0].ExpiryYears) return (0, 0, 0);
        int last = _smiles.Length - 1;
        if (t >= _smiles[last].ExpiryYears) return (last, last, 0);
        int hi = 1;
        while (_smiles[hi].ExpiryYears < t) hi++;
        var lo = hi - 1;
        if (_smiles[hi].ExpiryYears == t) return (hi, hi, 0);
        double a = (t - _smiles[lo].ExpiryYears) / (_smiles[hi].ExpiryYears - _smiles[lo].ExpiryYears);
        return (lo, hi, a);
    }
}
