using System.Runtime.InteropServices;
using StressMargin.Compute.Cuda;

namespace StressMargin.Tests.Cuda;

/// <summary>The C# argument structs (KernelArgs.cs) have the size and field offsets of kernels/plan.cuh and
/// kernels/kernel_args.cuh as the host compiler lays them out (the same x86-64/CUDA alignment rules).</summary>
public class KernelArgsLayoutTests
{
    public static TheoryData<string> Structs() => new() { "SmPlan", "SmFactorArgs", "SmRevalueArgs", "SmLossArgs", "SmTailSegment", "SmTailArgs", "SmAttributionArgs", "SmComponentArgs" };

    [HostCompilerTheory]
    [MemberData(nameof(Structs))]
    public void LayoutMatchesTheCudaHeader(string name)
    {
        var type = typeof(SmPlan).Assembly.GetType("StressMargin.Compute.Cuda." + name, throwOnError: true)!;
        var native = new long[64];
        int count = HostNative.sm_test_layout(name, native, native.Length);
        var fields = type.GetFields().Where(f => !f.IsStatic).OrderBy(f => f.MetadataToken).ToArray();
        Assert.Equal(fields.Length + 1, count);
        Assert.Equal(native[0], Marshal.SizeOf(type));
        for (int i = 0; i < fields.Length; i++)
            Assert.True(native[i + 1] == (long)Marshal.OffsetOf(type, fields[i].Name), $"{name}.{fields[i].Name}: C# offset {Marshal.OffsetOf(type, fields[i].Name)}, C++ {native[i + 1]}");
    }

    [Fact]
    public void TheSmallSortThresholdIsTheKernels()
    {
        string header = File.ReadAllText(Path.Combine(HostKernelLibrary.KernelFolder, "tail.cuh"));
        Assert.Contains($"#define SM_TAIL_SMALL_SORT {TailLayout.SmallSort}\n", header);
    }
}
