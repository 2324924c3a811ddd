namespace StressMargin.Gpu;

/// <summary>Tuning of the GPU backend (the defaults suit a data-centre GPU; tests shrink them).</summary>
public sealed record GpuBackendOptions
{
    /// <summary>Black-76 arithmetic.</summary>
    public StressMargin.Compute.GpuPrecision Precision { get; init; } = StressMargin.Compute.GpuPrecision.Double;

    /// <summary>Device bytes a run may use; null: 90 % of the device's memory less 256 MiB on CUDA, 1 GiB on the CPU
    /// accelerator.</summary>
    public long? MemoryBudgetBytes { get; init; }

    /// <summary>Most paths per chunk of the main pass.</summary>
    public int MaxPathChunk { get; init; } = 1 << 20;

    /// <summary>Threads per group of the tail selection; null: 256, or the accelerator's maximum if smaller.</summary>
    public int? TailGroupSize { get; init; }

    /// <summary>Worker threads of ILGPU's CPU accelerator; null: every logical core.</summary>
    public int? CpuThreads { get; init; }

    /// <summary>Use this project's exp and log on CUDA even when LibDevice is found (to compare the two).</summary>
    public bool ForcePortableMath { get; init; }
}
