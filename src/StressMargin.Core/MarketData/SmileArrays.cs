using StressMargin.Core.Numerics;

namespace StressMargin.Core.MarketData;

/// <summary>
/// Every expiry slice of every vol surface of a simulation, flattened for the device (the revaluation plan's smile
/// arrays): smile s has nodes [Offset[s], Offset[s + 1]) of <see cref="LogMoneyness"/> k = ln(K/F(T)) and
/// <see cref="TotalVariance"/> w = σ²T, and expiry <see cref="ExpiryYears"/>[s] in years from t0.
/// The same struct, over .NET arrays or over GPU views, serves the CPU backend and the kernels.
/// </summary>
/// <typeparam name="TDouble">Storage of doubles.</typeparam>
/// <typeparam name="TInt">Storage of ints.</typeparam>
public struct SmileArrays<TDouble, TInt>
    where TDouble : struct, IDeviceArray<double>
    where TInt : struct, IDeviceArray<int>
{
    /// <summary>Node range per smile, length S + 1.</summary>
    public TInt Offset;
    /// <summary>Node log-moneyness, all smiles concatenated.</summary>
    public TDouble LogMoneyness;
    /// <summary>Node total variance, all smiles concatenated.</summary>
    public TDouble TotalVariance;
    /// <summary>Expiry of each smile in years, length S.</summary>
    public TDouble ExpiryYears;

    /// <summary>
    /// Implied vol at log-moneyness k and expiry T between the bracketing smiles lo ≤ hi with weight a of the upper
    /// one (the surface rules of docs/model.md §2: w linear in T at fixed k between smiles, flat vol outside the listed
    /// expiries): σ = √(w_lo(k)/T_lo) when lo = hi, else √((w_lo(k) + a·(w_hi(k) − w_lo(k)))/T). Used by sticky
    /// moneyness, σ1 = σ0(k1, T) with k1 = ln(K/F1).
    /// </summary>
    /// <param name="lo">Lower smile index.</param>
    /// <param name="hi">Upper smile index (= lo outside the listed expiries).</param>
    /// <param name="weight">a in [0, 1].</param>
    /// <param name="expiryYears">T in years.</param>
    /// <param name="logMoneyness">k.</param>
    /// <returns>Annualized implied vol.</returns>
    public readonly double Vol(int lo, int hi, double weight, double expiryYears, double logMoneyness)
    {
        int loStart = Offset[lo];
        double w0 = VolSmile.Interpolate(LogMoneyness, TotalVariance, loStart, Offset[lo + 1] - loStart, logMoneyness);
        if (lo == hi) return Math.Sqrt(w0 / ExpiryYears[lo]);
        int hiStart = Offset[hi];
        double w1 = VolSmile.Interpolate(LogMoneyness, TotalVariance, hiStart, Offset[hi + 1] - hiStart, logMoneyness);
        return Math.Sqrt((w0 + weight * (w1 - w0)) / expiryYears);
    }
}
