namespace StressMargin.Compute.Cuda;

/// <summary>
/// A CUDA driver or NVRTC call that returned an error status. The message names the call and the CUDA error
/// (name and description from <c>cuGetErrorName</c>/<c>cuGetErrorString</c> or <c>nvrtcGetErrorString</c>), e.g.
/// <c>cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (out of memory)</c>.
/// </summary>
public sealed class CudaException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="call">The API function, e.g. <c>cuLaunchKernel</c>.</param>
    /// <param name="status">The numeric status it returned.</param>
    /// <param name="errorName">The symbolic error name, e.g. <c>CUDA_ERROR_OUT_OF_MEMORY</c>.</param>
    /// <param name="description">The library's description of the error.</param>
    public CudaException(string call, int status, string errorName, string description)
        : base($"{call} failed: {errorName} ({description})")
    {
        Call = call;
        Status = status;
        ErrorName = errorName;
    }

    /// <summary>The API function that failed.</summary>
    public string Call { get; }

    /// <summary>Its status code (CUresult or nvrtcResult).</summary>
    public int Status { get; }

    /// <summary>The symbolic error name.</summary>
    public string ErrorName { get; }
}
