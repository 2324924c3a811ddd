using System.Globalization;
using System.Text.RegularExpressions;
using StressMargin.Compute.Plan;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Cuda;

/// <summary>Small scenarios on the sample market for the kernel tests: every instrument kind (spot, perpetual,
/// future, live and expiring options) on both underlyings, cash, and an account holding only cash; and filtered
/// historical simulation (FHS) plans built from real price histories.</summary>
internal static class PlanScenarios
{
    /// <summary>The book of <see cref="EngineScenarios.AllKindsBook"/>.</summary>
    public const string Book = EngineScenarios.AllKindsBook;

    public static string Write(TempDir dir, string distribution, int steps, string volDynamics, double rate, int paths = 1000) =>
        EngineScenarios.OnSampleMarket(dir, Book, paths, distribution, volDynamics, discountRate: rate)
            .Also(p => File.WriteAllText(p, File.ReadAllText(p).Replace("horizon_days: 2", $"horizon_days: 2\n  steps: {steps.ToString(CultureInfo.InvariantCulture)}")));

    /// <summary>
    /// FHS on the sample market and book (options included): BTC and ETH calibrated (EWMA 0.94) from the real daily
    /// closes of scenarios/history, which end on 2025-02-11 (hence <c>max_stale_days</c>); their vol factors have no
    /// history, so they are drawn conditionally normal under the sample's spot–vol correlations (M = 2, D = 2).
    /// </summary>
    public static string Fhs(TempDir dir, string days, string volDynamics, int paths, double rate = 0.0)
    {
        string history = RepoPaths.Combine("scenarios", "history", "crypto_daily_closes.csv").Replace('\\', '/');
        string riskFactors = $$"""
            calibration:
              history: {{history}}
              calendar: daily
              method: ewma
              lambda: 0.94
              min_observations: 250
              max_stale_days: 400
              correlation: { estimate: true, repair: nearest }
            risk_factors:
              BTC: { calibrate: true, vol_of_vol: 1.0 }
              ETH: { calibrate: true, vol_of_vol: 1.2 }
            correlation:
              factors: [BTC.spot, ETH.spot, BTC.vol, ETH.vol]
              matrix: [[1, 0.9, -0.3, -0.25], [0.9, 1, -0.25, -0.3], [-0.3, -0.25, 1, 0.8], [-0.25, -0.3, 0.8, 1]]
            """;
        return EngineScenarios.OnSampleMarket(dir, Book, paths, $"{{ type: fhs, days: {days} }}", volDynamics, riskFactors: riskFactors, discountRate: rate);
    }

    /// <summary>
    /// The calibrated sample scenarios/crypto-20250212.yaml (FHS on the real BTC/ETH closes, 106 accounts of linear
    /// positions; vol factors conditionally normal) with its days rule and path count replaced; the copy lives in
    /// <paramref name="dir"/> with its input paths made absolute.
    /// </summary>
    public static string Crypto(TempDir dir, string days, int paths)
    {
        string folder = RepoPaths.Combine("scenarios").Replace('\\', '/');
        string text = File.ReadAllText(RepoPaths.Combine("scenarios", "crypto-20250212.yaml"));
        string copy = Regex.Replace(text, @"(?m)^(\s+(?:instruments|positions|spots|history): )(\S+)", m => m.Groups[1].Value + folder + "/" + m.Groups[2].Value)
            .Replace("days: consecutive", "days: " + days)
            .Replace("paths: 100000", "paths: " + paths.ToString(CultureInfo.InvariantCulture))
            .Replace("dir: ../out/crypto-20250212", "dir: out");
        if (copy == text) throw new InvalidOperationException("crypto-20250212.yaml changed shape");
        return dir.Write("scenario.yaml", copy);
    }

    /// <summary>
    /// FHS with every factor drawn from history (M = 0): the S&amp;P 500 and its vol index VIX
    /// (tests/StressMargin.Tests/Data/spx_vix_daily_2018_2020.csv, business days) as of 2020-04-01, a 5-day horizon
    /// (D = 3 rows); accounts long and short the index with cash.
    /// </summary>
    public static string SpxVix(TempDir dir, string days, int paths)
    {
        dir.Write("history.csv", File.ReadAllText(RepoPaths.Combine("tests", "StressMargin.Tests", "Data", "spx_vix_daily_2018_2020.csv")));
        dir.Write("instruments.csv", "instrument_id,kind,underlying,expiry,strike,option_type,multiplier\nUSD,cash,USD,,,,1\nSPX,spot,SPX,,,,1\n");
        dir.Write("spots.csv", "underlying,spot\nSPX,2584.590087890625\n");
        dir.Write("positions.csv", "account_id,instrument_id,quantity\nA,SPX,1\nA,USD,1000\nB,SPX,-2\nC,USD,5\n");
        return dir.Write("scenario.yaml", $$"""
            as_of: 2020-04-01T00:00:00Z
            inputs: { instruments: instruments.csv, positions: positions.csv, spots: spots.csv }
            simulation: { paths: {{paths}}, seed: 17, horizon_days: 5, distribution: { type: fhs, days: {{days}} } }
            calibration: { history: history.csv, calendar: business }
            risk_factors:
              SPX: { calibrate: { vol_index: VIX } }
            margin: { es_confidence: 0.99, var_confidence: 0.99, mm_ratio: 0.8 }
            output: { dir: out }
            """);
    }

    /// <summary>The plan of an FHS scenario by name: <c>crypto</c> (<see cref="Crypto"/>), <c>spx-vix</c>
    /// (<see cref="SpxVix"/>) or <c>sample</c> (<see cref="Fhs"/>, sticky moneyness).</summary>
    public static RevaluationPlan LoadFhs(TempDir dir, string scenario, string days, int paths) => ScenarioLoader.Load(scenario switch
    {
        "crypto" => Crypto(dir, days, paths),
        "spx-vix" => SpxVix(dir, days, paths),
        "sample" => Fhs(dir, days, "sticky_moneyness", paths),
        _ => throw new ArgumentException($"unknown FHS scenario '{scenario}'", nameof(scenario)),
    }).Plan;

    private static string Also(this string value, Action<string> action)
    {
        action(value);
        return value;
    }
}
