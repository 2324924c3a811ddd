using ILGPU;
using StressMargin.Core.Numerics;
using StressMargin.Core.RiskModel;

namespace StressMargin.Kernels;

/// <summary>
/// Kernel 1: the factor values of a chunk of paths, a grid-stride loop over the lanes, by the shared device math
/// (<see cref="FactorPathMath"/>): factors x_f and e^(x_f) <c>[factor, lane]</c> with row stride <c>stride</c>. A lane's
/// path is <c>firstPath + lane</c>, or <c>paths[lane]</c> when a path list is given (attribution regenerates tail paths).
/// </summary>
public static class FactorPathsKernel
{
    /// <summary>The kernel body.</summary>
    /// <typeparam name="TMath">Elementary functions.</typeparam>
    /// <param name="plan">The plan.</param>
    /// <param name="lanes">Lanes (paths) in the chunk.</param>
    /// <param name="paths">Path of each lane, or empty to use <paramref name="firstPath"/> + lane.</param>
    /// <param name="firstPath">First path of the chunk.</param>
    /// <param name="normals">Scratch for the normals <c>[factor, lane]</c>.</param>
    /// <param name="factors">Output x <c>[factor, lane]</c>.</param>
    /// <param name="expFactors">Output e^x <c>[factor, lane]</c>.</param>
    /// <param name="stride">Lanes per row.</param>
    /// <param name="error">Error word (<see cref="KernelErrors"/>).</param>
    public static void Run<TMath>(DevicePlan plan, int lanes, ArrayView<int> paths, int firstPath,
        ArrayView<double> normals, ArrayView<double> factors, ArrayView<double> expFactors, int stride, ArrayView<int> error)
        where TMath : struct, IDeviceMath
    {
        var output = new DeviceArray<double>(factors);
        var scratch = new DeviceArray<double>(normals);
        int step = GridStride.Threads;
        for (int lane = Grid.GlobalIndex.X; lane < lanes; lane += step)
        {
            int path = paths.Length > 0 ? paths[lane] : firstPath + lane;
            int failedStep = FactorPathMath.Generate<TMath, DeviceArray<double>, DeviceArray<int>>(plan.Factors, path, scratch, output, stride, lane);
            if (failedStep >= 0) KernelErrors.Report(error, KernelErrors.NoChiSquare, path, failedStep);
            for (int f = 0; f < plan.Factors.FactorCount; f++)
            {
                int at = f * stride + lane;
                expFactors[at] = default(TMath).Exp(factors[at]);
            }
        }
    }
}
