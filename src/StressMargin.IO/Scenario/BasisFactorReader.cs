using System.Globalization;
using StressMargin.Core;
using StressMargin.Core.RiskModel;
using StressMargin.IO.Plausibility;

namespace StressMargin.IO.Scenario;

/// <summary>Reads <c>risk_factors.U.basis: { buckets: [30, 90, 365], vols: [0.08, 0.05, 0.04] }</c>: the tenor buckets
/// (upper bounds in calendar days to expiry) and annualized vols of the simulated log-basis of U's dated futures
/// (docs/formats.md §5.2, docs/model.md §3.3).</summary>
internal static class BasisFactorReader
{
    private static readonly string[] Keys = ["buckets", "vols"];

    /// <summary>The entry's basis block, or null when it has none.</summary>
    /// <param name="entry">The risk_factors entry of the underlying.</param>
    /// <param name="underlying">The underlying symbol.</param>
    /// <returns>The spec, or null.</returns>
    /// <exception cref="InputException">Not a mapping, an unknown key, a missing list, a bucket that is not a positive
    /// integer number of days above the previous one, a vol that is not a non-negative annualized vol (at most
    /// <see cref="Bounds.MaxVol"/>), or lists of different lengths; each at the offending key or element.</exception>
    public static BasisFactorSpec? Read(YamlMap entry, string underlying)
    {
        if (entry.Map("basis", Keys) is not { } b) return null;
        const string bucketsExpected = "a list of tenor-bucket upper bounds in calendar days to expiry, increasing, e.g. [30, 90, 365]";
        const string volsExpected = "a list of annualized vols of the log-basis, one per bucket, e.g. [0.08, 0.05, 0.04]";
        var buckets = b.Scalars("buckets", bucketsExpected)
            ?? throw new InputException(b.Where, $"missing key '{b.KeyPath("buckets")}' (expected {bucketsExpected})");
        var vols = b.Scalars("vols", volsExpected)
            ?? throw new InputException(b.Where, $"missing key '{b.KeyPath("vols")}' (expected {volsExpected})");
        if (buckets.Count == 0) throw new InputException(b.At("buckets"), $"{b.KeyPath("buckets")}: expected {bucketsExpected}, got an empty list");
        var days = new int[buckets.Count];
        for (int k = 0; k < days.Length; k++)
        {
            var (text, where) = buckets[k];
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out days[k]) || days[k] <= 0)
                throw new InputException(where, $"{b.KeyPath("buckets")}: expected a positive whole number of days, got '{text}'");
            if (k > 0 && days[k] <= days[k - 1])
                throw new InputException(where, $"{b.KeyPath("buckets")}: bucket bounds must increase, but {days[k]} follows {days[k - 1]}");
        }
        if (vols.Count != days.Length)
            throw new InputException(b.At("vols"), $"{b.KeyPath("vols")}: {vols.Count} vols for {days.Length} buckets of '{underlying}' (expected one vol per bucket)");
        var sigma = new double[vols.Count];
        for (int k = 0; k < sigma.Length; k++)
        {
            var (text, where) = vols[k];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out sigma[k]) || !double.IsFinite(sigma[k]) || sigma[k] < 0)
                throw new InputException(where, $"{b.KeyPath("vols")}: expected a non-negative annualized vol, got '{text}'");
            if (YamlBounds.VolError(sigma[k]) is { } error)
                throw new InputException(where, $"{b.KeyPath("vols")}: {Bounds.Text(sigma[k])} {error}");
        }
        return new BasisFactorSpec(days, sigma, b.Where);
    }
}
