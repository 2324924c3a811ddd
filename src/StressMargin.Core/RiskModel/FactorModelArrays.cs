using StressMargin.Core.Numerics;

namespace StressMargin.Core.RiskModel;

/// <summary>
/// A factor model flattened for the device (the revaluation plan's factor arrays), over .NET arrays for the CPU backend
/// or over GPU views for the kernels; the input of <see cref="FactorPathMath"/>. F factors, f = 2u (spot) and 2u + 1
/// (vol) of underlying u. Layouts are row-major.
/// </summary>
/// <typeparam name="TDouble">Storage of doubles.</typeparam>
/// <typeparam name="TInt">Storage of ints.</typeparam>
public struct FactorModelArrays<TDouble, TInt>
    where TDouble : struct, IDeviceArray<double>
    where TInt : struct, IDeviceArray<int>
{
    /// <summary>Philox key.</summary>
    public ulong Seed;
    /// <summary>F, factors.</summary>
    public int FactorCount;
    /// <summary>S, sub-steps per path (1 for filtered historical simulation).</summary>
    public int Steps;
    /// <summary>Law of the shocks: <see cref="DistributionKind"/> as an int.</summary>
    public int Law;
    /// <summary>ν of the Student t law.</summary>
    public double DegreesOfFreedom;
    /// <summary>σ_f·√(h/S) per factor, length F.</summary>
    public TDouble VolPerStep;
    /// <summary>−½σ_f²h per factor, length F.</summary>
    public TDouble Drift;
    /// <summary>Loading A with A·Aᵀ = R, <c>[factor, factor]</c>, length F².</summary>
    public TDouble Loading;

    /// <summary>FHS: standardized residuals Z <c>[date, h]</c>, length N·H.</summary>
    public TDouble Residuals;
    /// <summary>FHS: factor of history column h, length H.</summary>
    public TInt HistoricalFactor;
    /// <summary>FHS: factor of conditional-normal factor m, length M.</summary>
    public TInt GaussianFactor;
    /// <summary>FHS: B <c>[m, h]</c>, length M·H.</summary>
    public TDouble Regression;
    /// <summary>FHS: C <c>[m, l]</c>, length M².</summary>
    public TDouble ConditionalLoading;
    /// <summary>FHS: H.</summary>
    public int HistoricalCount;
    /// <summary>FHS: M = F − H.</summary>
    public int GaussianCount;
    /// <summary>FHS: D, days per path.</summary>
    public int Days;
    /// <summary>FHS: candidates of one date draw (N − D + 1 consecutive, N independent).</summary>
    public int Candidates;
    /// <summary>FHS: 1 for consecutive days, 0 for independent dates.</summary>
    public int Consecutive;
    /// <summary>FHS: 1/√D.</summary>
    public double InvSqrtDays;
}
