using StressMargin.Core.Calibration;

namespace StressMargin.Tests.Calibration;

/// <summary>
/// The RiskMetrics EWMA and the equally weighted window (RiskMetrics Technical Document 1996, §5.2), zero mean,
/// against explicit sums written out by hand.
/// </summary>
public class VolEstimatorTests
{
    private static VolEstimator Ewma(double lambda) => new(VolEstimatorMethod.Ewma, lambda, 250, 1);
    private static VolEstimator Window(int w) => new(VolEstimatorMethod.Window, 0.94, w, 1);

    [Fact]
    public void EwmaMatchesTheHandComputedRecursionOnAShortSeries()
    {
        // Closes 100, 102, 99, 101, 104 → log returns (ln 1.02, ln(99/102), ln(101/99), ln(104/101)).
        double[] r = [0.01980262729617973, -0.02985296314968116, 0.020000666706669435, 0.029270382300113237];
        // λ = 0.9: weights λ³, λ², λ, 1 on r1 … r4, normalized by their sum 0.729 + 0.81 + 0.9 + 1 = 3.439.
        double byHand = (0.729 * r[0] * r[0] + 0.81 * r[1] * r[1] + 0.9 * r[2] * r[2] + 1.0 * r[3] * r[3]) / 3.439;
        Assert.Equal(6.468519377275841e-4, byHand, 15);
        Assert.Equal(byHand, Ewma(0.9).Variance(r), 1e-18);

        // The one-step recursion: (N_t·σ²_t) = λ·(N_{t−1}·σ²_{t−1}) + r_t², N_t = λN_{t−1} + 1 (RiskMetrics eq. 5.3 normalized).
        double s3 = Ewma(0.9).Variance(r.AsSpan(0, 3)), n3 = 0.81 + 0.9 + 1;
        Assert.Equal(byHand, (0.9 * n3 * s3 + r[3] * r[3]) / (0.9 * n3 + 1), 1e-18);
    }

    [Fact]
    public void LambdaOneIsTheEquallyWeightedEstimate()
    {
        var rng = new Random(42);
        var r = Enumerable.Range(0, 500).Select(_ => 0.03 * (rng.NextDouble() - 0.5)).ToArray();
        var s = Enumerable.Range(0, 500).Select(_ => 0.02 * (rng.NextDouble() - 0.5)).ToArray();
        double meanSquare = r.Sum(x => x * x) / r.Length;
        double meanCross = r.Zip(s, (a, b) => a * b).Sum() / r.Length;
        Assert.Equal(meanSquare, Ewma(1.0).Variance(r), 1e-18);
        Assert.Equal(meanCross, Ewma(1.0).CoMoment(r, s), 1e-18);
        Assert.Equal(meanSquare, Window(500).Variance(r), 1e-18);
        // The limit λ → 1 is continuous: the weights differ by at most n(1 − λ).
        Assert.Equal(meanSquare, Ewma(1 - 1e-9).Variance(r), meanSquare * 1e-6);
    }

    [Fact]
    public void WindowWeighsOnlyTheLastWReturns()
    {
        double[] r = [0.5, -0.4, 0.01, -0.02, 0.03];
        Assert.Equal((0.01 * 0.01 + 0.02 * 0.02 + 0.03 * 0.03) / 3, Window(3).Variance(r), 1e-18);
        Assert.Equal(3, Window(3).ObservationsUsed(5));
        Assert.Equal(r.Sum(x => x * x) / 5, Window(10).Variance(r), 1e-18); // fewer returns than the window: all of them
    }

    [Theory]
    [InlineData(VolEstimatorMethod.Ewma, 0.94, 250)]
    [InlineData(VolEstimatorMethod.Ewma, 1.0, 250)]
    [InlineData(VolEstimatorMethod.Window, 0.94, 7)]
    [InlineData(VolEstimatorMethod.Window, 0.94, 1)]
    public void ForecastsAreTheEstimatesFromTheEarlierReturns(VolEstimatorMethod method, double lambda, int window)
    {
        var estimator = new VolEstimator(method, lambda, window, 1);
        var rng = new Random(7);
        var r = Enumerable.Range(0, 300).Select(_ => 0.05 * (rng.NextDouble() - 0.5)).ToArray();
        var forecasts = new double[r.Length];
        estimator.ForecastVariances(r, forecasts);
        Assert.True(double.IsNaN(forecasts[0]));
        for (int i = 1; i < r.Length; i++)
        {
            double direct = estimator.Variance(r.AsSpan(0, i));
            Assert.True(Math.Abs(forecasts[i] - direct) <= 1e-13 * direct, $"i = {i}: forecast {forecasts[i]:R} vs estimate {direct:R}");
        }
    }
}
