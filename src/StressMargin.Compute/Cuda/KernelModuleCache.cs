namespace StressMargin.Compute.Cuda;

/// <summary>
/// Compiled kernel modules on disk, one file per device architecture and kernel hash, so that a second run does
/// not recompile: <c>DIR/&lt;arch&gt;-&lt;sha256&gt;.cubin</c> (or <c>.ptx</c>), where the hash covers the sources, the
/// NVRTC options and version (<see cref="KernelSources.Hash"/>). DIR is <c>$STRESSMARGIN_KERNEL_CACHE</c>, else
/// <c>$XDG_CACHE_HOME/stressmargin/cubin</c>, else <c>~/.cache/stressmargin/cubin</c>. Files are written under a
/// temporary name and renamed, so a reader never sees a partial module; a cache that cannot be read or written is
/// skipped (the module is compiled every time and the manifest says <c>off</c>).
/// </summary>
internal static class KernelModuleCache
{
    /// <summary>Environment variable overriding the cache folder.</summary>
    public const string FolderVariable = "STRESSMARGIN_KERNEL_CACHE";

    /// <summary>The cache folder (not created here).</summary>
    /// <returns>Absolute path, or null when no home folder is known.</returns>
    public static string? Folder()
    {
        string? forced = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrEmpty(forced)) return Path.GetFullPath(forced);
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg)) return Path.Combine(xdg, "stressmargin", "cubin");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "stressmargin", "cubin");
    }

    /// <summary>The module from the cache, or compiled by <paramref name="compile"/> and stored.</summary>
    /// <param name="architecture">Target, e.g. <c>sm_90</c>.</param>
    /// <param name="hash">Kernel hash.</param>
    /// <param name="ptx">True for PTX.</param>
    /// <param name="compile">Produces the module on a miss.</param>
    /// <returns>The image and <c>hit</c>, <c>miss</c> or <c>off</c>.</returns>
    public static (byte[] Image, string Cache) GetOrCompile(string architecture, string hash, bool ptx, Func<byte[]> compile) =>
        GetOrCompile(Folder(), architecture, hash, ptx, compile);

    /// <summary><see cref="GetOrCompile(string, string, bool, Func{byte[]})"/> with an explicit cache folder (null: no cache).</summary>
    /// <param name="folder">Cache folder.</param>
    /// <param name="architecture">Target.</param>
    /// <param name="hash">Kernel hash.</param>
    /// <param name="ptx">True for PTX.</param>
    /// <param name="compile">Produces the module on a miss.</param>
    /// <returns>The image and <c>hit</c>, <c>miss</c> or <c>off</c>.</returns>
    internal static (byte[] Image, string Cache) GetOrCompile(string? folder, string architecture, string hash, bool ptx, Func<byte[]> compile)
    {
        string? file = folder is null ? null : Path.Combine(folder, $"{architecture}-{hash}.{(ptx ? "ptx" : "cubin")}");
        if (file is not null)
        {
            try
            {
                if (File.Exists(file))
                {
                    var cached = File.ReadAllBytes(file);
                    if (cached.Length > 0) return (cached, "hit");
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        var image = compile();
        if (file is null) return (image, "off");
        string temp = Path.Combine(folder!, $".{Path.GetFileName(file)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder!);
            File.WriteAllBytes(temp, image);
            File.Move(temp, file, overwrite: true);
            return (image, "miss");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (Exception d) when (d is IOException or UnauthorizedAccessException) { }
            return (image, "off");
        }
    }
}
