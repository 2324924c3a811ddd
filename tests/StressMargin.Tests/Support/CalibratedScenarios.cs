using System.Globalization;

namespace StressMargin.Tests.Support;

/// <summary>
/// Scenarios with a calibration block on a synthetic linear market: underlyings X, Y and Z (spot 1 each, perpetuals
/// X-PERP, Y-PERP and Z-PERP, USD cash), a history file <c>history.csv</c> written next to the scenario.
/// </summary>
internal static class CalibratedScenarios
{
    public const string Instruments = """
        instrument_id,kind,underlying,expiry,strike,option_type,multiplier
        USD,cash,USD,,,,1
        X-PERP,perpetual,X,,,,1
        Y-PERP,perpetual,Y,,,,1
        Z-PERP,perpetual,Z,,,,1
        """;

    /// <summary>
    /// Writes the files and returns the scenario path. <paramref name="calibration"/> is the body of the calibration
    /// block (indented two spaces; <c>history: history.csv</c> is added first); <paramref name="riskFactors"/> the
    /// body of risk_factors.
    /// </summary>
    public static string Linear(TempDir dir, string history, string asOf, string positions, string calibration, string riskFactors,
        int paths = 20_000, string distribution = "normal", double horizonDays = 1, double confidence = 0.99, string extra = "", ulong seed = 3)
    {
        dir.Write("history.csv", history);
        dir.Write("instruments.csv", Instruments);
        dir.Write("spots.csv", "underlying,spot\nX,1\nY,1\nZ,1\n");
        dir.Write("positions.csv", positions);
        string c = confidence.ToString(CultureInfo.InvariantCulture);
        return dir.Write("scenario.yaml", $"""
            as_of: {asOf}
            inputs: {"{"} instruments: instruments.csv, positions: positions.csv, spots: spots.csv {"}"}
            simulation: {"{"} paths: {paths}, seed: {seed}, horizon_days: {horizonDays.ToString(CultureInfo.InvariantCulture)}, distribution: {distribution} {"}"}
            calibration:
              history: history.csv
            {Indent(calibration)}
            risk_factors:
            {Indent(riskFactors)}
            {extra}
            margin: {"{"} es_confidence: {c}, var_confidence: {c}, mm_ratio: 0.8 {"}"}
            output: {"{"} dir: out {"}"}
            """);
    }

    private static string Indent(string block) =>
        string.Join("\n", block.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l.Trim()));
}
