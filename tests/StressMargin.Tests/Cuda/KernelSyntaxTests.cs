namespace StressMargin.Tests.Cuda;

/// <summary>
/// Every kernels/*.cu compiles with the host compiler against Native/cuda_shim.h, twice: as host C++ (what the
/// emulator runs) and in NVRTC mode (__CUDACC_RTC__, no system header or standard library reachable), so that a typo,
/// a missing declaration or a stray std:: in a kernel fails CI without a GPU.
/// </summary>
public class KernelSyntaxTests
{
    private static string[] Files() =>
        Directory.GetFiles(HostKernelLibrary.KernelFolder, "*.cu").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> KernelFiles() => new(Files());

    [Fact]
    public void TheKernelFolderHoldsTheFourKernelFamilies() =>
        Assert.Equal(["account_loss.cu", "attribution.cu", "factor_paths.cu", "revalue.cu", "tail_select.cu"], Files());

    [HostCompilerTheory]
    [MemberData(nameof(KernelFiles))]
    public void KernelCompilesAsHostCpp(string file) => AssertCompiles(file, []);

    [HostCompilerTheory]
    [MemberData(nameof(KernelFiles))]
    public void KernelCompilesInNvrtcModeWithoutSystemHeaders(string file) => AssertCompiles(file, ["-DSM_SHIM_RTC", "-nostdinc", "-nostdinc++"]);

    [HostCompilerFact]
    public void TheSyntaxCheckRejectsABrokenKernel()
    {
        // Guards the two theories above: the same command fails on a kernel with an undeclared name or a std:: call.
        using var dir = new Support.TempDir();
        string good = File.ReadAllText(Path.Combine(HostKernelLibrary.KernelFolder, "account_loss.cu"));
        foreach (var (name, broken) in new[]
        {
            ("typo.cu", good.Replace("a.plan.position_weight[p]", "a.plan.position_wieght[p]")),
            ("std.cu", good.Replace("double s = 0.0;", "double s = std::abs(0.0);")),
        })
        {
            Assert.NotEqual(good, broken);
            string file = dir.Write(name, broken);
            var (code, output) = HostCompiler.Run(Arguments(file, ["-DSM_SHIM_RTC", "-nostdinc", "-nostdinc++"]));
            Assert.True(code != 0, $"{name} compiled: {output}");
        }
    }

    private static void AssertCompiles(string file, string[] extra)
    {
        var (code, output) = HostCompiler.Run(Arguments(Path.Combine(HostKernelLibrary.KernelFolder, file), extra));
        Assert.True(code == 0, $"{file}:\n{output}");
    }

    private static IEnumerable<string> Arguments(string file, string[] extra) =>
        ["-std=c++17", "-fsyntax-only", "-Wall", "-Wextra", "-Werror", .. extra, "-x", "c++", "-include", HostKernelLibrary.Shim, "-I", HostKernelLibrary.KernelFolder, file];
}
