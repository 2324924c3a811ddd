namespace StressMargin.Compute.Plan;

/// <summary>How an instrument is revalued at the horizon. Stored as a byte so that kernels can switch on it.</summary>
public enum RevaluationKind : byte
{
    /// <summary>Spot, perpetual or future: ΔV = P0·(e^x − 1) with P0 = S0 or F0(T).</summary>
    Linear = 0,
    /// <summary>Option alive at the horizon: ΔV = DF1·Black76(F0·e^x, K, T − h, σ1) − V0.</summary>
    Option = 1,
    /// <summary>Option expiring within the horizon: ΔV = max(±(F0·e^x − K), 0) − V0.</summary>
    ExpiringOption = 2,
}
