namespace StressMargin.Compute.Cuda;

/// <summary>Arithmetic of the GPU's Black-76 revaluation (<c>--precision</c>).</summary>
public enum CudaPrecision
{
    /// <summary>Double precision throughout: the CPU backend's formulas and operation order; margin figures agree
    /// with the CPU to about 1e-9 relative or better.</summary>
    Double,
    /// <summary>Black-76 (d1, d2, Φ, the price) in single precision, with inputs rounded to float and the price
    /// widened back to double; ΔV, account sums, the tail reduction and everything else stay in double.</summary>
    Single,
}
