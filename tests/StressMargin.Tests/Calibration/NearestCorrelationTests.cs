using MathNet.Numerics.LinearAlgebra;
using StressMargin.Core.Calibration;

namespace StressMargin.Tests.Calibration;

/// <summary>Higham's nearest correlation matrix (IMA J. Numer. Anal. 22 (2002) 329–343).</summary>
public class NearestCorrelationTests
{
    [Fact]
    public void ReproducesTheNagG02aaExampleFromHigham2002()
    {
        // NAG Library Mark 24, g02aa example (taken from Higham 2002): A = tridiag(−1, 2, −1), 4×4, not a correlation matrix.
        double[,] a = { { 2, -1, 0, 0 }, { -1, 2, -1, 0 }, { 0, -1, 2, -1 }, { 0, 0, -1, 2 } };
        double[,] expected =
        {
            { 1.0, -0.8084125, 0.1915875, 0.10677505 },
            { -0.8084125, 1.0, -0.65623269, 0.1915875 },
            { 0.1915875, -0.65623269, 1.0, -0.8084125 },
            { 0.10677505, 0.1915875, -0.8084125, 1.0 },
        };
        var (x, report) = NearestCorrelation.Repair(a);
        AssertValidCorrelation(x);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.True(Math.Abs(x[i, j] - expected[i, j]) < 2e-7, $"X[{i},{j}] = {x[i, j]:R}, NAG gives {expected[i, j]}");
        Assert.Equal(Distance(x, a), report.FrobeniusDistance, 12);
    }

    [Fact]
    public void RepairsAPairwiseEstimateToAValidMatrixCloseToItAndNoFartherThanAnyOtherCorrelationMatrix()
    {
        // A and B anti-correlated, both strongly correlated with C: impossible jointly (smallest eigenvalue ≈ −0.39).
        double[,] a = { { 1, -0.5, 0.8 }, { -0.5, 1, 0.8 }, { 0.8, 0.8, 1 } };
        var (x, report) = NearestCorrelation.Repair(a);
        AssertValidCorrelation(x);
        Assert.True(report.SmallestEigenvalueBefore < -0.3, $"λ_min before {report.SmallestEigenvalueBefore}");
        Assert.True(report.SmallestEigenvalueAfter >= -1e-12);
        Assert.True(report.FrobeniusDistance < 0.6, $"repair size {report.FrobeniusDistance}");
        Assert.Equal(report.MaxAbsChange, Enumerable.Range(0, 9).Max(k => Math.Abs(x[k / 3, k % 3] - a[k / 3, k % 3])), 15);

        // Any other correlation matrix is at least as far from A: the eigenvalue-clipped matrix rescaled to unit
        // diagonal, and a grid of valid 3×3 correlation matrices.
        var clipped = Clipped(a);
        AssertValidCorrelation(clipped);
        Assert.True(report.FrobeniusDistance <= Distance(clipped, a) + 1e-12);
        for (double p = -0.95; p <= 0.95; p += 0.05)
            for (double q = 0.0; q <= 0.95; q += 0.05)
            {
                double[,] y = { { 1, p, q }, { p, 1, q }, { q, q, 1 } };
                if (MinEigen(y) < 0) continue;
                Assert.True(report.FrobeniusDistance <= Distance(y, a) + 1e-9, $"ρ_AB = {p}, ρ_AC = ρ_BC = {q} is closer");
            }
    }

    [Fact]
    public void LeavesAValidCorrelationMatrixAsItIs()
    {
        double[,] a = { { 1, 0.9, -0.3 }, { 0.9, 1, -0.25 }, { -0.3, -0.25, 1 } };
        var (x, report) = NearestCorrelation.Repair(a);
        Assert.True(report.FrobeniusDistance < 1e-12, $"moved by {report.FrobeniusDistance}");
        Assert.Equal(a[0, 1], x[0, 1], 12);
    }

    private static void AssertValidCorrelation(double[,] x)
    {
        int n = x.GetLength(0);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(1.0, x[i, i]);
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(x[i, j], x[j, i]);
                Assert.InRange(x[i, j], -1.0, 1.0);
            }
        }
        Assert.True(MinEigen(x) >= -1e-12, $"smallest eigenvalue {MinEigen(x)}");
    }

    private static double MinEigen(double[,] x) => Matrix<double>.Build.DenseOfArray(x).Evd().EigenValues.Min(e => e.Real);

    private static double Distance(double[,] x, double[,] a) => (Matrix<double>.Build.DenseOfArray(x) - Matrix<double>.Build.DenseOfArray(a)).FrobeniusNorm();

    private static double[,] Clipped(double[,] a)
    {
        var evd = Matrix<double>.Build.DenseOfArray(a).Evd();
        var m = evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalVector(evd.EigenValues.Map(e => Math.Max(e.Real, 0))) * evd.EigenVectors.Transpose();
        int n = a.GetLength(0);
        var y = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) y[i, j] = i == j ? 1 : m[i, j] / Math.Sqrt(m[i, i] * m[j, j]);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++) y[i, j] = y[j, i];
        return y;
    }
}
