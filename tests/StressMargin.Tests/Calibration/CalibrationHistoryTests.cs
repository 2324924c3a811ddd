using StressMargin.Core.Calibration;
using StressMargin.Engine;
using StressMargin.IO.History;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Calibration;

public class CalibrationHistoryTests
{
    private static readonly Lazy<LoadedScenario> Sample = new(() => ScenarioLoader.Load(RepoPaths.Combine("scenarios", "crypto-20250212.yaml"), new RunOverrides(Paths: 1000)));

    [Fact]
    public void TheLastPointOfEachSeriesIsTheRunsCalibration()
    {
        var calibration = Sample.Value.Calibration!;
        var r = calibration.Result;
        var history = HistoryCsv.Read(calibration.History.Path, calibration.Settings.Calendar);
        foreach (var f in r.Factors)
        {
            var s = CalibrationHistory.Vol(history, calibration.Settings, f, r.DataEnd.AddYears(-1), r.DataEnd);
            Assert.Equal(r.DataEnd, s.Dates[^1]);
            Assert.Equal(f.ModelVol, s.ModelVol[^1]);
            Assert.Equal(f.FloorVol!.Value, s.FloorVol![^1]);
            Assert.Equal(f.UsedVol, s.UsedVol[^1]);
            Assert.True(s.Dates.Length >= 365 && s.Dates.Zip(s.Dates.Skip(1)).All(p => p.Second == p.First.AddDays(1)), "one point per calendar day");
        }
        var correlation = CalibrationHistory.Correlation(history, calibration.Settings.Estimator, r.Factors[0], r.Factors[1], r.DataEnd.AddYears(-1), r.DataEnd);
        Assert.Equal(r.Correlation!.Matrix[1, 0], correlation.Correlation[^1]);
    }

    [Theory]
    [InlineData("2021-05-19")]
    [InlineData("2022-11-09")]
    public void AnEarlierPointIsTheCalibrationAsOfThatDate(string date)
    {
        // Independent reference: the calibrator itself, cut off at that date.
        var input = Sample.Value;
        var calibration = input.Calibration!;
        var settings = calibration.Settings;
        var history = HistoryCsv.Read(calibration.History.Path, settings.Calendar);
        var cutoff = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var then = Calibrator.Calibrate(history, settings, input.Factors.Underlyings.ToArray(), input.Scenario.RiskFactors, cutoff, input.Scenario.Simulation);
        var r = calibration.Result;
        for (int i = 0; i < r.Factors.Count; i++)
        {
            var s = CalibrationHistory.Vol(history, settings, r.Factors[i], r.DataEnd.AddYears(-5), r.DataEnd);
            int t = Array.IndexOf(s.Dates, cutoff);
            Assert.Equal(then.Factors[i].ModelVol, s.ModelVol[t]);
            Assert.Equal(then.Factors[i].FloorVol!.Value, s.FloorVol![t]);
            Assert.Equal(then.Factors[i].UsedVol, s.UsedVol[t]);
        }
        var rho = CalibrationHistory.Correlation(history, settings.Estimator, r.Factors[0], r.Factors[1], r.DataEnd.AddYears(-5), r.DataEnd);
        Assert.Equal(then.Correlation!.Matrix[1, 0], rho.Correlation[Array.IndexOf(rho.Dates, cutoff)]);
    }
}
