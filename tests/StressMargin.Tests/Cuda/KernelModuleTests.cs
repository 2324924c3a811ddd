using StressMargin.Compute.Cuda;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Cuda;

/// <summary>The kernel sources NVRTC receives and the on-disk module cache (no GPU needed).</summary>
public class KernelModuleTests
{
    [Fact]
    public void EmbeddedSourcesAreTheKernelFolder()
    {
        var sources = KernelSources.Current;
        var onDisk = Directory.GetFiles(RepoPaths.Combine("kernels")).Where(f => f.EndsWith(".cu", StringComparison.Ordinal) || f.EndsWith(".cuh", StringComparison.Ordinal))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(onDisk, sources.Files.Select(f => f.Key).ToArray());
        foreach (var (name, text) in sources.Files) Assert.Equal(File.ReadAllText(RepoPaths.Combine("kernels", name)), text);
        foreach (var cu in onDisk.Where(f => f!.EndsWith(".cu", StringComparison.Ordinal))) Assert.Contains($"#include \"{cu}\"", sources.Main);
    }

    [Fact]
    public void HashCoversOptionsAndCompiler()
    {
        var s = KernelSources.Current;
        string a = s.Hash(Nvrtc.Options("sm_90"), "nvrtc 12.4");
        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.Equal(a, s.Hash(Nvrtc.Options("sm_90"), "nvrtc 12.4"));
        Assert.NotEqual(a, s.Hash(Nvrtc.Options("sm_80"), "nvrtc 12.4"));
        Assert.NotEqual(a, s.Hash(Nvrtc.Options("sm_90"), "nvrtc 12.8"));
        Assert.Contains("--fmad=false", Nvrtc.Options("sm_90"));
    }

    [Fact]
    public void CacheCompilesOnceThenHits()
    {
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "cubin");
        int compiles = 0;
        byte[] Compile() { compiles++; return [1, 2, 3, (byte)compiles]; }
        var first = KernelModuleCache.GetOrCompile(folder, "sm_90", "abc", false, Compile);
        var second = KernelModuleCache.GetOrCompile(folder, "sm_90", "abc", false, Compile);
        var other = KernelModuleCache.GetOrCompile(folder, "sm_80", "abc", true, Compile);
        Assert.Equal(("miss", "hit", "miss"), (first.Cache, second.Cache, other.Cache));
        Assert.Equal(first.Image, second.Image);
        Assert.Equal(2, compiles);
        Assert.Equal(["sm_80-abc.ptx", "sm_90-abc.cubin"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UnusableCacheFolderStillCompiles()
    {
        using var dir = new TempDir();
        string blocker = dir.Write("not-a-folder", "x"); // a file where the folder should be
        var result = KernelModuleCache.GetOrCompile(Path.Combine(blocker, "cubin"), "sm_90", "abc", false, () => [7]);
        Assert.Equal("off", result.Cache);
        Assert.Equal([7], result.Image);
        Assert.Equal("off", KernelModuleCache.GetOrCompile(null, "sm_90", "abc", false, () => [7]).Cache);
    }
}
