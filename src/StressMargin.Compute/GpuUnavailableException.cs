namespace StressMargin.Compute;

/// <summary>A requested GPU backend cannot be used: no CUDA driver or device, a kernel that does not compile, a device
/// too small for the plan. <c>--device auto</c> catches it and runs on the CPU, recording <see cref="Exception.Message"/>
/// as the reason; an explicit <c>--device cuda</c> exits with code 1 and the message.</summary>
/// <param name="message">What is missing or wrong.</param>
/// <param name="inner">The underlying error, if any.</param>
public sealed class GpuUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
