namespace StressMargin.Compute.Cuda;

/// <summary>Why the CUDA backend cannot run.</summary>
public enum CudaUnavailableReason
{
    /// <summary>The CUDA driver library (<c>libcuda.so.1</c>) could not be loaded.</summary>
    DriverNotFound,
    /// <summary>The driver loaded but reports no usable device (or <c>cuInit</c> failed).</summary>
    NoDevice,
    /// <summary>The requested device ordinal does not exist.</summary>
    NoSuchDevice,
    /// <summary>The NVRTC library (<c>libnvrtc.so.13/.12/.11</c>) could not be loaded.</summary>
    NvrtcNotFound,
    /// <summary>NVRTC could not compile the kernels for the device (the message carries the compiler log).</summary>
    CompileFailed,
    /// <summary>A driver call failed while opening the device or loading the kernels.</summary>
    DeviceFailed,
    /// <summary>The plan uses a feature the kernels do not implement (e.g. a factor distribution).</summary>
    UnsupportedPlan,
    /// <summary>The device's memory cannot hold even one account's losses and a minimal path chunk.</summary>
    InsufficientMemory,
}

/// <summary>
/// The CUDA backend cannot be used on this machine or for this plan. <c>--device auto</c> turns it into a fall-back
/// to the CPU and records <see cref="Exception.Message"/> as the reason; <c>--device cuda</c> reports it and exits
/// with code 1 (docs/formats.md §7.4).
/// </summary>
public sealed class CudaUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The category.</param>
    /// <param name="message">What is missing or wrong, in words (e.g. which library names were tried).</param>
    /// <param name="inner">The underlying failure, if any.</param>
    public CudaUnavailableException(CudaUnavailableReason reason, string message, Exception? inner = null)
        : base(message, inner) => Reason = reason;

    /// <summary>The category of the failure.</summary>
    public CudaUnavailableReason Reason { get; }
}
