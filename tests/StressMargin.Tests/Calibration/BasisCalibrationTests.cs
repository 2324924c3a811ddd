using System.Globalization;
using MathNet.Numerics.Statistics;
using StressMargin.Core.Calibration;
using StressMargin.Engine;
using StressMargin.IO.Csv;
using StressMargin.Tests.Support;
using Xunit.Abstractions;

namespace StressMargin.Tests.Calibration;

/// <summary>
/// The basis vols and correlations estimated from scenarios/history/deribit_log_basis_daily.csv (BasisCalibrator)
/// against an independent recomputation from the raw text with MathNet.Numerics statistics, and the sample scenario's
/// basis block against the estimate (to the rounding written in the YAML: 4 decimals for vols, 2 for correlations).
/// </summary>
public class BasisCalibrationTests(ITestOutputHelper output)
{
    private static readonly int[] Buckets = [30, 90, 365];
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse("2026-02-05T09:36:47Z", CultureInfo.InvariantCulture);
    private static string HistoryPath => RepoPaths.Combine("scenarios", "history", "deribit_log_basis_daily.csv");

    /// <summary>Independent: per consecutive pair of snapshot days, mean Δ log-basis per bucket recomputed from the
    /// marks (ln(F/P)), spot move ln(P1/P0), each over √Δt; returns the per-bucket series aligned with the spot series.</summary>
    private static (List<double> Spot, List<double?[]> Buckets) Recompute(string underlying)
    {
        var rows = File.ReadAllLines(HistoryPath).Skip(1).Select(l => l.Split(','))
            .Where(c => c[1] == underlying && DateTimeOffset.Parse(c[0], CultureInfo.InvariantCulture) <= AsOf)
            .Select(c => (Time: DateTimeOffset.Parse(c[0], CultureInfo.InvariantCulture), Future: c[2], Days: double.Parse(c[4], CultureInfo.InvariantCulture),
                Perp: double.Parse(c[5], CultureInfo.InvariantCulture), Mark: double.Parse(c[6], CultureInfo.InvariantCulture)))
            .ToList();
        var times = rows.Select(r => r.Time).Distinct().Order().ToArray();
        var spot = new List<double>();
        var buckets = new List<double?[]>();
        for (int d = 1; d < times.Length; d++)
        {
            double dt = (times[d] - times[d - 1]).TotalDays;
            if (dt < 0.5 || dt > 1.5) continue;
            var before = rows.Where(r => r.Time == times[d - 1]).ToList();
            var after = rows.Where(r => r.Time == times[d]).ToDictionary(r => r.Future);
            spot.Add(Math.Log(after.Values.First().Perp / before[0].Perp) / Math.Sqrt(dt));
            var day = new double?[Buckets.Length];
            for (int k = 0; k < Buckets.Length; k++)
            {
                var moves = before.Where(r => after.ContainsKey(r.Future) && (k == Buckets.Length - 1 ? r.Days > Buckets[k - 1] : r.Days <= Buckets[k] && (k == 0 || r.Days > Buckets[k - 1])))
                    .Select(r => Math.Log(after[r.Future].Mark / after[r.Future].Perp) - Math.Log(r.Mark / r.Perp)).ToList();
                day[k] = moves.Count > 0 ? moves.Average() / Math.Sqrt(dt) : null;
            }
            buckets.Add(day);
        }
        return (spot, buckets);
    }

    [Theory]
    [InlineData("BTC")]
    [InlineData("ETH")]
    public void EstimatedBasisVolsAndCorrelationsMatchAnIndependentRecomputation(string underlying)
    {
        var estimate = BasisCalibrator.Estimate(BasisHistoryCsv.Read(HistoryPath), underlying, Buckets, AsOf);
        var (spot, buckets) = Recompute(underlying);
        for (int k = 0; k < Buckets.Length; k++)
        {
            var idx = Enumerable.Range(0, spot.Count).Where(i => buckets[i][k] is not null).ToArray();
            var series = idx.Select(i => buckets[i][k]!.Value).ToArray();
            double vol = series.StandardDeviation() * Math.Sqrt(365);
            double rho = Correlation.Pearson(series, idx.Select(i => spot[i]));
            output.WriteLine($"{underlying}.basis{Buckets[k]}: vol {estimate.VolsAnnualized[k]:F4} ({series.Length} days), corr with spot {estimate.SpotCorrelation[k]:F3}; bucket corr {string.Join(" ", Enumerable.Range(0, Buckets.Length).Select(l => estimate.BucketCorrelation[k, l].ToString("F3", CultureInfo.InvariantCulture)))}");
            Assert.True(series.Length >= 20, $"{series.Length} daily changes");
            Assert.Equal(series.Length, estimate.Observations[k]);
            Assert.Equal(vol, estimate.VolsAnnualized[k], 1e-9);
            Assert.Equal(rho, estimate.SpotCorrelation[k], 1e-9);
            for (int l = 0; l < Buckets.Length; l++)
            {
                var both = Enumerable.Range(0, spot.Count).Where(i => buckets[i][k] is not null && buckets[i][l] is not null).ToArray();
                double r = Correlation.Pearson(both.Select(i => buckets[i][k]!.Value), both.Select(i => buckets[i][l]!.Value));
                Assert.Equal(r, estimate.BucketCorrelation[k, l], 1e-9);
            }
        }
    }

    [Fact]
    public void SampleScenarioCarriesTheCalibratedBasisFactors()
    {
        var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths: 1000));
        var history = BasisHistoryCsv.Read(HistoryPath);
        var model = input.Factors;
        foreach (var u in new[] { "BTC", "ETH" })
        {
            var estimate = BasisCalibrator.Estimate(history, u, Buckets, input.Market.AsOf);
            for (int k = 0; k < Buckets.Length; k++)
            {
                int f = model.IndexOf(new Core.RiskModel.FactorId(u, Core.RiskModel.FactorKind.Basis, Buckets[k]));
                Assert.True(f >= 0, $"{u}.basis{Buckets[k]} missing from the sample");
                Assert.Equal(Math.Round(estimate.VolsAnnualized[k], 4), model.FactorVolAnnualized(f), 12);
                Assert.Equal(Math.Round(estimate.SpotCorrelation[k], 2), model.Correlation[f, model.IndexOf(new(u, Core.RiskModel.FactorKind.Spot))], 12);
                for (int l = 0; l < Buckets.Length; l++)
                    Assert.Equal(Math.Round(estimate.BucketCorrelation[k, l], 2), model.Correlation[f, model.IndexOf(new(u, Core.RiskModel.FactorKind.Basis, Buckets[l]))], 12);
            }
        }
    }
}
