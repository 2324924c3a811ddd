using PuppeteerSharp;

namespace StressMargin.Tests.Report;

/// <summary>
/// Debian's Chromium for the report tests: $STRESSMARGIN_CHROMIUM, else /usr/bin/chromium, else chromium on PATH.
/// Installed on CI by .ci/install-chromium (run by .ci/run before dotnet test). Started headless with a fresh profile
/// and with every background connection switched off (the machines have no network beyond the package registries).
/// </summary>
internal static class Chromium
{
    private static readonly Lazy<string?> Found = new(Find);

    public static string? Path => Found.Value;

    public static string MissingReason => "Chromium not found ($STRESSMARGIN_CHROMIUM, /usr/bin/chromium or chromium on PATH); install it with: sudo bash .ci/install-chromium";

    /// <summary>Tests that need the browser are skipped without one, except on CI (CI set), where they fail.</summary>
    public static bool Skip => Path is null && Environment.GetEnvironmentVariable("CI") is null;

    public static async Task<IBrowser> LaunchAsync(string profileDirectory)
    {
        var path = Path ?? throw new InvalidOperationException(MissingReason);
        return await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            UserDataDir = profileDirectory,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            Timeout = 60_000,
        });
    }

    private static string? Find()
    {
        string? env = Environment.GetEnvironmentVariable("STRESSMARGIN_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(env)) return File.Exists(env) ? env : null;
        if (File.Exists("/usr/bin/chromium")) return "/usr/bin/chromium";
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in new[] { "chromium", "chromium-browser" })
                if (File.Exists(System.IO.Path.Combine(dir, name))) return System.IO.Path.Combine(dir, name);
        return null;
    }
}

/// <summary>A fact that needs Chromium: skipped with the reason where there is none (a developer machine), run on CI.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Skip) Skip = Chromium.MissingReason;
    }
}
