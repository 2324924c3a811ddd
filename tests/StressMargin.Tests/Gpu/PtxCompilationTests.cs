using Xunit.Abstractions;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using StressMargin.Core.Numerics;
using StressMargin.Kernels;

namespace StressMargin.Tests.Gpu;

/// <summary>
/// Every kernel compiles to PTX for sm_90 through ILGPU's PTX backend, which needs neither a GPU nor libcuda: the test
/// fails the day a kernel stops compiling for the GPU. The PTX must not call an unresolved (.extern) function, and with
/// the portable math it must not contain ILGPU's CORDIC exp/log (inaccurate without LibDevice).
/// </summary>
public class PtxCompilationTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Variants() => new()
    {
        { nameof(PortableMath), nameof(DoublePrecision) },
        { nameof(PortableMath), nameof(SinglePrecision) },
        { nameof(SystemMath), nameof(DoublePrecision) },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryKernelCompilesToPtxForSm90WithoutExternalFunctions(string math, string precision)
    {
        var mathType = math == nameof(PortableMath) ? typeof(PortableMath) : typeof(SystemMath);
        var precisionType = precision == nameof(DoublePrecision) ? typeof(DoublePrecision) : typeof(SinglePrecision);
        foreach (var (name, method) in KernelSet.EntryPoints(mathType, precisionType))
        {
            // A fresh context per kernel: after a failed compile an ILGPU context fails every later one.
            using var context = Context.Create(b => b.Cuda().EnableAlgorithms().Optimize(OptimizationLevel.O2));
            using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, nvvmAPI: null!);
            var kernel = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(method), KernelSpecialization.Empty);
            string ptx = kernel.PTXAssembly;
            output.WriteLine($"{name} ({math}, {precision}): {ptx.Length:N0} characters of PTX");
            Assert.Contains(".entry", ptx);
            Assert.DoesNotContain(".extern", ptx);
            if (mathType == typeof(PortableMath)) Assert.DoesNotContain("RotateHyperbolic", ptx);
        }
    }
}
