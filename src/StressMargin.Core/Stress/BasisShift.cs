namespace StressMargin.Core.Stress;

/// <summary>
/// A change of the log-basis ln(F(T)/S) by tenor, for a stress scenario: at calendar days to expiry d (from t0) the
/// forward moves by the extra factor e^{Δb(d)} on top of the spot move, with Δb linear in d between the nodes and flat
/// beyond the first and last node. Applies to dated futures and to the forward of options; spot and perpetuals are not
/// moved by it.
/// </summary>
public sealed class BasisShift
{
    private readonly double[] _days, _change;

    /// <summary>A basis term structure.</summary>
    /// <param name="days">Node tenors, calendar days to expiry, strictly increasing, ≥ 0; at least one.</param>
    /// <param name="logChange">Δb at each node (ln F1/F0 − ln S1/S0, e.g. −0.013 for a 1.3 % fall of the basis); same length.</param>
    /// <exception cref="ArgumentException">Empty, unequal lengths, non-increasing or negative days, a non-finite value.</exception>
    public BasisShift(IReadOnlyList<double> days, IReadOnlyList<double> logChange)
    {
        if (days.Count == 0 || days.Count != logChange.Count) throw new ArgumentException("expected as many basis changes as tenors, at least one");
        for (int i = 0; i < days.Count; i++)
        {
            if (!double.IsFinite(days[i]) || days[i] < 0 || (i > 0 && days[i] <= days[i - 1])) throw new ArgumentException("tenors must be finite, non-negative and strictly increasing");
            if (!double.IsFinite(logChange[i])) throw new ArgumentException("basis changes must be finite");
        }
        _days = days.ToArray();
        _change = logChange.ToArray();
    }

    /// <summary>Node tenors, days.</summary>
    public IReadOnlyList<double> Days => _days;

    /// <summary>Δb at the nodes.</summary>
    public IReadOnlyList<double> LogChange => _change;

    /// <summary>Δb at a tenor: linear between nodes, flat outside.</summary>
    /// <param name="daysToExpiry">Calendar days from t0 to expiry.</param>
    /// <returns>The log-basis change.</returns>
    public double At(double daysToExpiry)
    {
        if (daysToExpiry <= _days[0]) return _change[0];
        for (int i = 1; i < _days.Length; i++)
            if (daysToExpiry <= _days[i])
            {
                double w = (daysToExpiry - _days[i - 1]) / (_days[i] - _days[i - 1]);
                return _change[i - 1] + w * (_change[i] - _change[i - 1]);
            }
        return _change[^1];
    }
}
