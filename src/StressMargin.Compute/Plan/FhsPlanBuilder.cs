using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using StressMargin.Core.Calibration;
using StressMargin.Core.RiskModel;

namespace StressMargin.Compute.Plan;

/// <summary>Builds the <see cref="FhsPlan"/> of a factor model and a filtered history.</summary>
public static class FhsPlanBuilder
{
    /// <summary>Eigenvalues of R_hh at or below this are treated as zero in its pseudo-inverse.</summary>
    public const double PseudoInverseCutoff = 1e-12;

    /// <summary>Flattens the filtered history and derives the conditional-normal law of the factors without history.</summary>
    /// <param name="factors">The factor model (its correlation R gives B and C).</param>
    /// <param name="sample">Standardized residuals of the factors with history.</param>
    /// <param name="days">Consecutive or independent days.</param>
    /// <returns>The plan part.</returns>
    /// <exception cref="ArgumentException">A residual factor that the model does not have, or too few dates for D.</exception>
    public static FhsPlan Build(FactorModel factors, FhsSample sample, FhsDays days)
    {
        var historical = sample.Factors.Select(f => factors.IndexOf(f) is var k and >= 0 ? k
            : throw new ArgumentException($"factor {f} is not in the model", nameof(sample))).ToArray();
        var gaussian = Enumerable.Range(0, factors.FactorCount).Where(f => !historical.Contains(f)).ToArray();
        if (sample.Dates.Count < sample.HorizonRows) throw new ArgumentException("fewer sample dates than days per path", nameof(sample));
        int h = historical.Length, m = gaussian.Length;
        var r = factors.Correlation;
        var regression = new double[m * h];
        var conditional = new double[m * m];
        if (m > 0)
        {
            var rhh = Matrix<double>.Build.Dense(h, h, (i, j) => r[historical[i], historical[j]]);
            var rmh = Matrix<double>.Build.Dense(m, h, (i, j) => r[gaussian[i], historical[j]]);
            var rmm = Matrix<double>.Build.Dense(m, m, (i, j) => r[gaussian[i], gaussian[j]]);
            var b = h == 0 ? Matrix<double>.Build.Dense(m, 0) : rmh * PseudoInverse(rhh);
            var cov = rmm - (h == 0 ? Matrix<double>.Build.Dense(m, m) : b * rmh.Transpose());
            cov = (cov + cov.Transpose()) * 0.5;
            var c = FactorModel.LoadingOf(cov).Loading;
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < h; j++) regression[i * h + j] = b[i, j];
                for (int j = 0; j < m; j++) conditional[i * m + j] = c[i, j];
            }
        }
        return new FhsPlan
        {
            DateCount = sample.Dates.Count,
            Residuals = sample.Residuals,
            HistoricalFactor = historical,
            GaussianFactor = gaussian,
            Regression = regression,
            ConditionalLoading = conditional,
            Days = sample.HorizonRows,
            Consecutive = days == FhsDays.Consecutive,
        };
    }

    private static Matrix<double> PseudoInverse(Matrix<double> symmetric)
    {
        var evd = symmetric.Evd(Symmetricity.Symmetric);
        var inv = Matrix<double>.Build.DiagonalOfDiagonalVector(evd.EigenValues.Map(e => e.Real > PseudoInverseCutoff ? 1.0 / e.Real : 0.0));
        return evd.EigenVectors * inv * evd.EigenVectors.Transpose();
    }
}
