using StressMargin.Tests.Support;

namespace StressMargin.Tests.Calibration;

/// <summary>The calibrated sample and the backtest variants of docs/validation.md load, calibrate and validate.</summary>
public class CalibratedSampleTests
{
    [Theory]
    [InlineData("crypto-20250212.yaml", "ES buffer ×1.25")]
    [InlineData("validation/ewma-normal.yaml", "ES buffer ×1")]
    [InlineData("validation/ewma-student-t4.yaml", "ES buffer ×1")]
    [InlineData("validation/ewma-fhs.yaml", "ES buffer ×1")]
    [InlineData("validation/ewma-normal-apc.yaml", "ES buffer ×1.25")]
    public void ValidatesWithItsCalibration(string scenario, string buffer)
    {
        var r = CliRunner.Run("validate", RepoPaths.Combine("scenarios", scenario));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("calibrated from crypto_daily_closes.csv to 2025-02-11: 2 factors, " + buffer, r.Stdout);
    }
}
