using System.Text.Json.Nodes;

namespace StressMargin.Report.Compare;

/// <summary>What kind of change a manifest difference is.</summary>
internal enum ChangeKind
{
    /// <summary>Market data: the valuation time, spots, forwards, vols, quotes, the price history.</summary>
    Market,
    /// <summary>The book: positions or instruments.</summary>
    Positions,
    /// <summary>The model or the margin rules: distribution, horizon, risk factors (and their calibrated vols),
    /// correlation, calibration settings, margin settings, stress scenarios, the tool.</summary>
    Model,
    /// <summary>The Monte Carlo sample: seed or number of paths.</summary>
    Simulation,
}

/// <summary>One difference between the two manifests.</summary>
/// <param name="Kind">Its kind.</param>
/// <param name="Item">What differs, e.g. <c>as_of</c>, <c>input positions</c>, <c>risk_factors</c>.</param>
/// <param name="A">Its value in the first run (short text).</param>
/// <param name="B">In the second.</param>
internal sealed record ManifestChange(ChangeKind Kind, string Item, string A, string B);

/// <summary>One account in the comparison.</summary>
/// <param name="AccountId">Account id.</param>
/// <param name="A">Its row in the first run, or null when new.</param>
/// <param name="B">Its row in the second run, or null when closed.</param>
/// <param name="PositionsChanged">Whether its positions (instrument and quantity, attribution.csv) differ.</param>
/// <param name="Cause">What the change is attributed to, in words.</param>
internal sealed record AccountChange(string AccountId, AccountRow? A, AccountRow? B, bool PositionsChanged, string Cause)
{
    /// <summary>IM in B minus IM in A, USD (a missing side counts 0).</summary>
    public double DeltaIm => (B?.InitialMargin ?? 0) - (A?.InitialMargin ?? 0);
}

/// <summary>
/// How margin moved between two runs (yesterday and today): per account and in total, and what the manifests and the
/// positions say drove it. The attribution is by classification, not by re-running: an account whose positions
/// changed is attributed to the position change; the others to what changed between the runs as a whole (market data,
/// model, Monte Carlo sample), all of which may act together.
/// </summary>
/// <param name="A">The first run.</param>
/// <param name="B">The second run.</param>
/// <param name="Changes">Differences between the manifests.</param>
/// <param name="Accounts">Every account of either run: B's order, then those only in A.</param>
internal sealed record RunComparison(RunFolder A, RunFolder B, IReadOnlyList<ManifestChange> Changes, IReadOnlyList<AccountChange> Accounts)
{
    /// <summary>Total IM of the first run, USD.</summary>
    public double TotalA => A.Accounts.Sum(a => a.InitialMargin);

    /// <summary>Total IM of the second run, USD.</summary>
    public double TotalB => B.Accounts.Sum(a => a.InitialMargin);

    /// <summary>Compares two runs.</summary>
    public static RunComparison Of(RunFolder a, RunFolder b)
    {
        var changes = ManifestChanges(a.Manifest, b.Manifest);
        var runCause = string.Join(" + ", new[] { ChangeKind.Market, ChangeKind.Model, ChangeKind.Simulation }.Where(k => changes.Any(c => c.Kind == k)).Select(k => k switch
        {
            ChangeKind.Market => "market move",
            ChangeKind.Model => "model change",
            _ => "Monte Carlo sample",
        }));
        if (runCause.Length == 0) runCause = "no recorded change";
        var inA = a.Accounts.ToDictionary(x => x.AccountId, StringComparer.Ordinal);
        var inB = b.Accounts.ToDictionary(x => x.AccountId, StringComparer.Ordinal);
        var accounts = new List<AccountChange>();
        foreach (var row in b.Accounts)
        {
            var before = inA.GetValueOrDefault(row.AccountId);
            bool moved = before is null || !SamePositions(a.Positions.GetValueOrDefault(row.AccountId), b.Positions.GetValueOrDefault(row.AccountId));
            accounts.Add(new AccountChange(row.AccountId, before, row, moved, before is null ? "new account" : moved ? "position change" : runCause));
        }
        foreach (var row in a.Accounts.Where(x => !inB.ContainsKey(x.AccountId)))
            accounts.Add(new AccountChange(row.AccountId, row, null, true, "closed account"));
        return new RunComparison(a, b, changes, accounts);
    }

    private static bool SamePositions(IReadOnlyDictionary<string, string>? x, IReadOnlyDictionary<string, string>? y) =>
        (x?.Count ?? 0) == (y?.Count ?? 0) && (x is null || x.All(kv => y!.TryGetValue(kv.Key, out var q) && Same(kv.Value, q)));

    /// <summary>Quantities as written (shortest round-trip), compared as numbers when both parse.</summary>
    private static bool Same(string p, string q) =>
        p == q || (double.TryParse(p, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double u)
                   && double.TryParse(q, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && u == v);

    /// <summary>The differences between two manifests that can move margin, by kind (docs/formats.md, "report compare").</summary>
    internal static List<ManifestChange> ManifestChanges(JsonObject a, JsonObject b)
    {
        var changes = new List<ManifestChange>();
        void Member(ChangeKind kind, string item, params string[] path)
        {
            JsonNode? x = Get(a, path), y = Get(b, path);
            if (!JsonNode.DeepEquals(x, y)) changes.Add(new ManifestChange(kind, item, Short(x), Short(y)));
        }
        Member(ChangeKind.Market, "as_of", "as_of");
        var inputsA = Inputs(a);
        var inputsB = Inputs(b);
        foreach (var role in inputsA.Keys.Union(inputsB.Keys).Order(StringComparer.Ordinal))
        {
            // The scenario file changes with every as_of; what in it can move margin is compared member by member below.
            if (role == "scenario") continue;
            var kind = role switch
            {
                "positions" or "instruments" => ChangeKind.Positions,
                "spots" or "forwards" or "vol_surface" or "quotes" or "history" => ChangeKind.Market,
                _ => ChangeKind.Model, // stress files and their data
            };
            string x = inputsA.GetValueOrDefault(role) ?? "", y = inputsB.GetValueOrDefault(role) ?? "";
            if (x != y) changes.Add(new ManifestChange(kind, $"input {role}", Abbreviate(x), Abbreviate(y)));
        }
        Member(ChangeKind.Simulation, "seed", "simulation", "seed");
        Member(ChangeKind.Simulation, "paths", "simulation", "paths");
        foreach (var key in new[] { "steps", "horizon_days", "distribution", "vol_dynamics", "discount_rate" }) Member(ChangeKind.Model, $"simulation.{key}", "simulation", key);
        // The vols and correlations used move with the market when the scenario takes them from it (spot_vol: atm,
        // calibration on the history): with market data changed, their change is part of the market move; without, a
        // model change.
        var parameters = changes.Any(c => c.Kind == ChangeKind.Market) ? ChangeKind.Market : ChangeKind.Model;
        RiskFactors(changes, parameters, a["risk_factors"] as JsonArray, b["risk_factors"] as JsonArray);
        Member(parameters, "correlation", "correlation");
        foreach (var key in new[] { "method", "lambda", "window_days", "min_observations", "apc", "es_buffer_multiplier" }) Member(ChangeKind.Model, $"calibration.{key}", "calibration", key);
        Member(ChangeKind.Model, "margin settings", "margin");
        Member(ChangeKind.Model, "stress scenarios", "stress", "scenarios");
        Member(ChangeKind.Model, "tool version", "tool", "version");
        Member(ChangeKind.Model, "backend", "backend", "name");
        return changes;
    }

    /// <summary>One change per underlying and vol that differs (spot_vol, vol_of_vol), in percent.</summary>
    private static void RiskFactors(List<ManifestChange> changes, ChangeKind kind, JsonArray? a, JsonArray? b)
    {
        static Dictionary<string, JsonObject> ByUnderlying(JsonArray? x) =>
            (x ?? []).OfType<JsonObject>().ToDictionary(o => o["underlying"]?.ToString() ?? "?", StringComparer.Ordinal);
        var (x, y) = (ByUnderlying(a), ByUnderlying(b));
        foreach (var u in x.Keys.Union(y.Keys).Order(StringComparer.Ordinal))
            foreach (var vol in new[] { "spot_vol", "vol_of_vol" })
            {
                JsonNode? p = x.GetValueOrDefault(u)?[vol], q = y.GetValueOrDefault(u)?[vol];
                if (!JsonNode.DeepEquals(p, q)) changes.Add(new ManifestChange(kind, $"risk_factors {u} {vol}", Percent(p), Percent(q)));
            }
    }

    private static string Percent(JsonNode? v) => v is JsonValue value && value.TryGetValue(out double d)
        ? (d * 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " %" : "(absent)";

    private static Dictionary<string, string> Inputs(JsonObject manifest)
    {
        var byRole = new Dictionary<string, string>(StringComparer.Ordinal);
        if (manifest["inputs"] is JsonArray inputs)
            foreach (var item in inputs.OfType<JsonObject>())
            {
                string role = item["role"]?.ToString() ?? "?";
                string sha = item["sha256"]?.ToString() ?? "";
                byRole[role] = byRole.TryGetValue(role, out var previous) ? previous + "," + sha : sha;
            }
        return byRole;
    }

    private static JsonNode? Get(JsonObject root, string[] path)
    {
        JsonNode? node = root;
        foreach (var p in path) node = node is JsonObject o ? o[p] : null;
        return node;
    }

    private static string Short(JsonNode? node)
    {
        string text = node is null ? "(absent)" : node is JsonValue ? node.ToString() : node.ToJsonString();
        return text.Length <= 80 ? text : text[..77] + "…";
    }

    private static string Abbreviate(string sha) => sha.Length == 0 ? "(absent)" : string.Join(",", sha.Split(',').Select(s => s.Length > 12 ? s[..12] + "…" : s));
}
