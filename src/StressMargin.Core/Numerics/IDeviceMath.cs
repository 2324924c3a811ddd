namespace StressMargin.Core.Numerics;

/// <summary>
/// The elementary functions the device math calls (<see cref="Erfc"/>, <see cref="Normal"/>,
/// <see cref="StressMargin.Core.Pricing.Black76"/>, the chi-square of <see cref="StressMargin.Core.RiskModel.ScenarioRandom"/>),
/// chosen by a struct type argument so that one C# source serves every backend:
/// <see cref="SystemMath"/> (<c>System.Math</c>: the CPU backends, and on CUDA NVIDIA's LibDevice <c>__nv_exp</c>/<c>__nv_log</c>,
/// to which ILGPU maps <c>Math.Exp</c>/<c>Math.Log</c> when LibDevice is loaded) or <see cref="PortableMath"/>
/// (this project's own exp and log, within 1 ulp of System.Math, for a GPU without LibDevice).
/// Implementations are stateless structs: call them as <c>default(TMath).Exp(x)</c>. They must not throw, allocate or
/// touch static arrays, so that ILGPU can compile them into a kernel.
/// </summary>
public interface IDeviceMath
{
    /// <summary>e^x in double precision.</summary>
    /// <param name="x">Any real; NaN propagates.</param>
    /// <returns>e^x (0 on underflow, +∞ on overflow).</returns>
    double Exp(double x);

    /// <summary>ln x in double precision.</summary>
    /// <param name="x">Positive real; 0 gives −∞, negative and NaN give NaN.</param>
    /// <returns>ln x.</returns>
    double Log(double x);

    /// <summary>e^x in single precision.</summary>
    /// <param name="x">Any real.</param>
    /// <returns>e^x.</returns>
    float Exp(float x);
}
