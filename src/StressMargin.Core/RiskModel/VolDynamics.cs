namespace StressMargin.Core.RiskModel;

/// <summary>How the implied-vol surface moves with spot over the horizon (besides the parallel log-shift e^y).</summary>
public enum VolDynamics
{
    /// <summary>Each option keeps the vol of its strike: σ1 = σ0(K, T)·e^y.</summary>
    StickyStrike,
    /// <summary>The smile moves with the forward: σ1 = σ0(K·F0(T)/F1(T), T)·e^y.</summary>
    StickyMoneyness,
}
