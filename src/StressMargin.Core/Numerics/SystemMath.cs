namespace StressMargin.Core.Numerics;

/// <summary>
/// <see cref="IDeviceMath"/> by <c>System.Math</c> and <c>System.MathF</c>: the platform's libm on the CPU (and on
/// ILGPU's CPU accelerator, which runs the kernels' IL as is, so its results are bit-identical to plain C#); on CUDA,
/// ILGPU with LibDevice maps these calls to NVIDIA's <c>__nv_exp</c>, <c>__nv_log</c> and <c>__nv_expf</c>
/// (≤ 1 ulp, 1 ulp and 2 ulp by the CUDA Math API documentation). Without LibDevice ILGPU would map them to CORDIC
/// routines far less accurate than that; the GPU backend uses <see cref="PortableMath"/> then.
/// </summary>
public readonly struct SystemMath : IDeviceMath
{
    /// <inheritdoc/>
    public double Exp(double x) => Math.Exp(x);

    /// <inheritdoc/>
    public double Log(double x) => Math.Log(x);

    /// <inheritdoc/>
    public float Exp(float x) => MathF.Exp(x);
}
