using System.Reflection;
using ILGPU;
using ILGPU.Runtime;
using StressMargin.Core.Numerics;

namespace StressMargin.Kernels;

/// <summary>
/// Every kernel of the GPU backend loaded on one accelerator, for one choice of elementary functions and Black-76
/// precision (each choice is a different instantiation of the same generic kernel methods). Loading compiles them:
/// to PTX on CUDA, to the CPU accelerator's IL runner otherwise. See <see cref="EntryPoints"/> for the methods.
/// </summary>
public sealed class KernelSet
{
    /// <summary><see cref="FactorPathsKernel"/>.</summary>
    public required Action<KernelConfig, DevicePlan, int, ArrayView<int>, int, ArrayView<double>, ArrayView<double>, ArrayView<double>, int, ArrayView<int>> FactorPaths { get; init; }
    /// <summary><see cref="RevalueKernel"/>.</summary>
    public required Action<KernelConfig, DevicePlan, int, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>> Revalue { get; init; }
    /// <summary><see cref="AccountLossKernel"/>.</summary>
    public required Action<KernelConfig, DevicePlan, int, int, ArrayView<double>, int, ArrayView<double>, int, int, ArrayView<int>> AccountLoss { get; init; }
    /// <summary><see cref="HistogramKernel"/>.</summary>
    public required Action<KernelConfig, int, int, ArrayView<double>, int, ArrayView<int>> Histogram { get; init; }
    /// <summary><see cref="TailSelectKernel.Run"/>.</summary>
    public required Action<KernelConfig, int, ArrayView<int>, ArrayView<ulong>, ArrayView<int>, ArrayView<int>, ArrayView<double>, int, int, ArrayView<ulong>, ArrayView<int>, ArrayView<int>> TailSelect { get; init; }
    /// <summary><see cref="TailSelectKernel.CopyBack"/>.</summary>
    public required Action<KernelConfig, int, int, ArrayView<int>, ArrayView<ulong>, ArrayView<int>, ArrayView<int>, ArrayView<ulong>, ArrayView<int>, ArrayView<int>> TailCopyBack { get; init; }
    /// <summary><see cref="AttributionKernel.PositionLoss{TMath, TPrecision}"/>.</summary>
    public required Action<KernelConfig, DevicePlan, int, int, int, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>> PositionLoss { get; init; }
    /// <summary><see cref="AttributionKernel.ComponentEs"/>.</summary>
    public required Action<KernelConfig, DevicePlan, int, int, int, double, ArrayView<double>, ArrayView<double>> ComponentEs { get; init; }

    /// <summary>Loads (and compiles) every kernel. All are explicitly grouped grid-stride loops (<see cref="GridStride"/>):
    /// the caller picks the grid.</summary>
    /// <typeparam name="TMath">Elementary functions.</typeparam>
    /// <typeparam name="TPrecision">Black-76 arithmetic.</typeparam>
    /// <param name="accelerator">The accelerator.</param>
    /// <returns>The launchers.</returns>
    public static KernelSet Load<TMath, TPrecision>(Accelerator accelerator)
        where TMath : struct, IDeviceMath
        where TPrecision : struct, IRevaluationPrecision => new()
        {
            FactorPaths = accelerator.LoadStreamKernel<DevicePlan, int, ArrayView<int>, int, ArrayView<double>, ArrayView<double>, ArrayView<double>, int, ArrayView<int>>(FactorPathsKernel.Run<TMath>),
            Revalue = accelerator.LoadStreamKernel<DevicePlan, int, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>>(RevalueKernel.Run<TMath, TPrecision>),
            AccountLoss = accelerator.LoadStreamKernel<DevicePlan, int, int, ArrayView<double>, int, ArrayView<double>, int, int, ArrayView<int>>(AccountLossKernel.Run),
            Histogram = accelerator.LoadStreamKernel<int, int, ArrayView<double>, int, ArrayView<int>>(HistogramKernel.Run),
            TailSelect = accelerator.LoadStreamKernel<int, ArrayView<int>, ArrayView<ulong>, ArrayView<int>, ArrayView<int>, ArrayView<double>, int, int, ArrayView<ulong>, ArrayView<int>, ArrayView<int>>(TailSelectKernel.Run),
            TailCopyBack = accelerator.LoadStreamKernel<int, int, ArrayView<int>, ArrayView<ulong>, ArrayView<int>, ArrayView<int>, ArrayView<ulong>, ArrayView<int>, ArrayView<int>>(TailSelectKernel.CopyBack),
            PositionLoss = accelerator.LoadStreamKernel<DevicePlan, int, int, int, int, ArrayView<double>, ArrayView<double>, int, ArrayView<double>>(AttributionKernel.PositionLoss<TMath, TPrecision>),
            ComponentEs = accelerator.LoadStreamKernel<DevicePlan, int, int, int, double, ArrayView<double>, ArrayView<double>>(AttributionKernel.ComponentEs),
        };

    /// <summary>Every kernel method as ILGPU compiles it, for a choice of math and precision: (name, the instantiated
    /// method). All are explicitly grouped. Used to compile them to PTX without a GPU (tests).</summary>
    /// <param name="math">An <see cref="IDeviceMath"/> struct type.</param>
    /// <param name="precision">An <see cref="IRevaluationPrecision"/> struct type.</param>
    /// <returns>The entry points.</returns>
    public static IReadOnlyList<(string Name, MethodInfo Method)> EntryPoints(Type math, Type precision)
    {
        static MethodInfo M(Type type, string name) => type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;
        return
        [
            ("factor_paths", M(typeof(FactorPathsKernel), nameof(FactorPathsKernel.Run)).MakeGenericMethod(math)),
            ("revalue", M(typeof(RevalueKernel), nameof(RevalueKernel.Run)).MakeGenericMethod(math, precision)),
            ("account_loss", M(typeof(AccountLossKernel), nameof(AccountLossKernel.Run))),
            ("histogram", M(typeof(HistogramKernel), nameof(HistogramKernel.Run))),
            ("tail_select", M(typeof(TailSelectKernel), nameof(TailSelectKernel.Run))),
            ("tail_copy_back", M(typeof(TailSelectKernel), nameof(TailSelectKernel.CopyBack))),
            ("position_loss", M(typeof(AttributionKernel), nameof(AttributionKernel.PositionLoss)).MakeGenericMethod(math, precision)),
            ("component_es", M(typeof(AttributionKernel), nameof(AttributionKernel.ComponentEs))),
        ];
    }
}
