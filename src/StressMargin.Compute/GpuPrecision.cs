namespace StressMargin.Compute;

/// <summary>Arithmetic of the GPU backend's Black-76 revaluation (docs/model.md, "GPU backend").</summary>
public enum GpuPrecision
{
    /// <summary>Double precision: the CPU backend's arithmetic (agreement within 1e-12 relative on ES).</summary>
    Double,
    /// <summary>Single precision for d1, d2, Φ and the price; ΔV, the sums and the tail stay in double.</summary>
    Single,
}
