using StressMargin.Compute.Plan;
using StressMargin.Core.RiskModel;

namespace StressMargin.Compute.Cpu;

/// <summary>
/// Generates the factor values of single paths from (seed, path) alone, as <see cref="FactorModel"/> defines:
/// for each step s, z = the 2U normals of (path, s) (<see cref="ScenarioRandom"/>), ε_f = Σ_j A[f, j]·z_j summed in
/// j order, times √((ν − 2)/W_s) for Student t, then x_f += σ_f√(h/S)·ε_f; finally x_f += −½σ_f²h.
/// With filtered historical simulation the factors come from <see cref="FhsFactorSampler"/> instead.
/// One instance per thread (it owns scratch buffers).
/// </summary>
internal sealed class FactorPathGenerator(RevaluationPlan plan)
{
    private readonly double[] _z = new double[plan.FactorCount];
    private readonly double[] _acc = new double[plan.FactorCount];
    private readonly FhsFactorSampler? _fhs = plan.Fhs is null ? null : new FhsFactorSampler(plan, plan.Fhs);

    /// <summary>Writes factor f of <paramref name="path"/> to <c>output[f * stride + lane]</c>.</summary>
    /// <param name="path">Path index.</param>
    /// <param name="output">Factor block <c>[factor, lane]</c>.</param>
    /// <param name="stride">Lanes per factor row.</param>
    /// <param name="lane">Lane of this path.</param>
    public void Generate(long path, Span<double> output, int stride, int lane)
    {
        if (_fhs is not null)
        {
            _fhs.Generate(path, output, stride, lane);
            return;
        }
        int nf = plan.FactorCount;
        var loading = plan.Loading;
        var z = _z.AsSpan();
        var acc = _acc.AsSpan();
        acc.Clear();
        bool studentT = plan.Distribution.Kind == DistributionKind.StudentT;
        double nu = plan.Distribution.DegreesOfFreedom;
        for (int s = 0; s < plan.Steps; s++)
        {
            ScenarioRandom.StandardNormals(plan.Seed, path, s, z);
            double scale = studentT ? Math.Sqrt((nu - 2.0) / ScenarioRandom.ChiSquare(plan.Seed, path, s, nu)) : 1.0;
            for (int f = 0; f < nf; f++)
            {
                double e = 0;
                for (int j = 0; j < nf; j++) e += loading[f * nf + j] * z[j];
                acc[f] += plan.FactorVolPerStep[f] * (e * scale);
            }
        }
        for (int f = 0; f < nf; f++) output[f * stride + lane] = acc[f] + plan.FactorDrift[f];
    }
}
