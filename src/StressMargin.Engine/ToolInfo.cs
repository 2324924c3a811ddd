using System.Reflection;

namespace StressMargin.Engine;

/// <summary>The tool's version and the git commit it was built from (from the assembly's informational version,
/// which the .NET SDK stamps as <c>version+commit</c> when building from a git checkout).</summary>
public static class ToolInfo
{
    private static readonly string Informational =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Semantic version, e.g. <c>0.1.0</c>.</summary>
    public static string Version => Informational.Split('+')[0];

    /// <summary>Full git commit hash, or <c>unknown</c> when built outside a git checkout.</summary>
    public static string Commit => Informational.Contains('+') ? Informational.Split('+')[1] : "unknown";
}
