namespace StressMargin.Compute.Session;

/// <summary>One position of an account as the session aggregates it: its instrument's ΔV row and its weight.</summary>
/// <param name="DeltaValue">ΔV per path (USD per unit), length n; empty for cash (no risk, skipped).</param>
/// <param name="Weight">quantity × multiplier.</param>
public readonly record struct WeightedRow(ReadOnlyMemory<double> DeltaValue, double Weight)
{
    /// <summary>Whether the position carries risk (has a ΔV row).</summary>
    public bool IsRisky => !DeltaValue.IsEmpty;
}
