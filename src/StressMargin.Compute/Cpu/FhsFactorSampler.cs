using StressMargin.Compute.Plan;
using StressMargin.Core.RiskModel;

namespace StressMargin.Compute.Cpu;

/// <summary>
/// Factor values of one path under filtered historical simulation (<see cref="FhsPlan"/>): draws the path's
/// historical dates from Philox (<see cref="HistoricalDateDraw"/>), sums the standardized residuals of the D days,
/// rescales them to today's vol, and draws the factors without history as normals conditional on those with.
/// One instance per thread (it owns scratch buffers); no allocation per path.
/// </summary>
internal sealed class FhsFactorSampler(RevaluationPlan plan, FhsPlan fhs)
{
    private readonly double[] _sum = new double[fhs.HistoricalCount];
    private readonly double[] _epsilon = new double[plan.FactorCount];
    private readonly double[] _z = new double[plan.FactorCount];
    private readonly double _invSqrtDays = 1.0 / Math.Sqrt(fhs.Days);

    /// <summary>Writes factor f of <paramref name="path"/> to <c>output[f * stride + lane]</c>.</summary>
    /// <param name="path">Path index.</param>
    /// <param name="output">Factor block <c>[factor, lane]</c>.</param>
    /// <param name="stride">Lanes per factor row.</param>
    /// <param name="lane">Lane of this path.</param>
    public void Generate(long path, Span<double> output, int stride, int lane)
    {
        int h = fhs.HistoricalCount, m = fhs.GaussianFactor.Length;
        var z = fhs.Residuals;
        var sum = _sum.AsSpan();
        sum.Clear();
        if (fhs.Consecutive)
        {
            int start = HistoricalDateDraw.Index(plan.Seed, path, 0, fhs.Candidates);
            for (int d = 0; d < fhs.Days; d++)
                for (int k = 0, row = (start + d) * h; k < h; k++) sum[k] += z[row + k];
        }
        else
        {
            for (int d = 0; d < fhs.Days; d++)
                for (int k = 0, row = HistoricalDateDraw.Index(plan.Seed, path, d, fhs.Candidates) * h; k < h; k++) sum[k] += z[row + k];
        }
        var eps = _epsilon.AsSpan();
        for (int k = 0; k < h; k++) eps[fhs.HistoricalFactor[k]] = sum[k] * _invSqrtDays;
        if (m > 0)
        {
            ScenarioRandom.StandardNormals(plan.Seed, path, 0, _z);
            for (int i = 0; i < m; i++)
            {
                double e = 0;
                for (int k = 0; k < h; k++) e += fhs.Regression[i * h + k] * sum[k] * _invSqrtDays;
                for (int l = 0; l < m; l++) e += fhs.ConditionalLoading[i * m + l] * _z[fhs.GaussianFactor[l]];
                eps[fhs.GaussianFactor[i]] = e;
            }
        }
        for (int f = 0; f < plan.FactorCount; f++) output[f * stride + lane] = plan.FactorVolPerStep[f] * eps[f] + plan.FactorDrift[f];
    }
}
