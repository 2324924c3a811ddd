using System.Globalization;
using System.Text;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.BadInput;

/// <summary>
/// The bad-input fixture with a calibration block: BTC and ETH calibrated from <c>history.csv</c>, which has a row for
/// every day from 2026-01-01 (line 2) to 2026-02-04 (line 36), the day before the fixture's as_of. Scenario lines
/// (1-based) after the change: 12 distribution, 13 <c>calibration:</c>, 14 history, 15 min_observations,
/// 16 <c>risk_factors:</c>, 17 BTC, 18 ETH, 19 correlation, …
/// </summary>
internal static class CalibratedFixture
{
    public const string History = "history.csv";

    /// <summary>History line of a January or February 2026 date: 2026-01-01 is line 2.</summary>
    public static int Line(int month, int day) => (month == 1 ? day : 31 + day) + 1;

    public static string HistoryText()
    {
        var sb = new StringBuilder("date,BTC,ETH\n");
        var day = new DateOnly(2026, 1, 1);
        for (int t = 0; t < 35; t++, day = day.AddDays(1))
            sb.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{70000 + 500 * ((t * 37) % 11 - 5)},{2100 + 20 * ((t * 23) % 7 - 3)}\n");
        return sb.ToString();
    }

    public static ScenarioFixture Create()
    {
        var f = new ScenarioFixture();
        f.Set(History, HistoryText());
        f.Replace(ScenarioFixture.Scenario, "  distribution: normal\n", "  distribution: normal\ncalibration:\n  history: history.csv\n  min_observations: 20\n");
        f.Replace(ScenarioFixture.Scenario, "  BTC: { spot_vol: atm, vol_of_vol: 1.0 }", "  BTC: { calibrate: true, vol_of_vol: 1.0 }");
        f.Replace(ScenarioFixture.Scenario, "  ETH: { spot_vol: 0.75, vol_of_vol: 0.8 }", "  ETH: { calibrate: true, vol_of_vol: 0.8 }");
        return f;
    }

    /// <summary>
    /// <see cref="InputErrorAssert.Fails"/> (run and validate: exit 3, one line FILE:LINE:COLUMN, no output), and the
    /// same error from <c>calibrate</c>, which writes nothing either.
    /// </summary>
    public static string Fails(ScenarioFixture f, string file, int line, int column, params string[] phrases)
    {
        string detail = InputErrorAssert.Fails(f, file, line, column, phrases);
        var calibrate = CliRunner.Run("calibrate", f.PathOf(ScenarioFixture.Scenario), "--out", f.OutDir);
        InputErrorAssert.InputError(calibrate, f.PathOf(file), line, column, phrases);
        Assert.Empty(f.OutputEntries());
        return detail;
    }
}
