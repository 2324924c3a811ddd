using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace StressMargin.Core.Calibration;

/// <summary>What a nearest-correlation repair changed.</summary>
/// <param name="SmallestEigenvalueBefore">Smallest eigenvalue of the input (negative: why it was repaired).</param>
/// <param name="SmallestEigenvalueAfter">Smallest eigenvalue of the repaired matrix (≥ 0 up to rounding).</param>
/// <param name="FrobeniusDistance">‖X − A‖_F, the size of the repair.</param>
/// <param name="MaxAbsChange">max_ij |X_ij − A_ij|.</param>
/// <param name="Iterations">Alternating-projection iterations used.</param>
public sealed record CorrelationRepairReport(double SmallestEigenvalueBefore, double SmallestEigenvalueAfter, double FrobeniusDistance, double MaxAbsChange, int Iterations);

/// <summary>
/// The nearest correlation matrix in the Frobenius norm (unit weights), by N. J. Higham, "Computing the nearest
/// correlation matrix — a problem from finance", <i>IMA Journal of Numerical Analysis</i> 22 (2002) 329–343,
/// Algorithm 3.3: alternating projections with Dykstra's correction onto S = {X symmetric positive semi-definite}
/// and U = {X symmetric with unit diagonal}:
/// <code>
/// ΔS = 0, Y = A;  repeat: R = Y − ΔS;  X = P_S(R);  ΔS = X − R;  Y = P_U(X)
/// </code>
/// with P_S(R) = V·diag(max(λ_i, 0))·Vᵀ from R's symmetric eigen-decomposition (MathNet) and P_U setting the
/// diagonal to 1, until the relative changes of X and Y and the gap ‖Y − X‖ fall below the tolerance. The result
/// is made exactly valid by taking the last PSD iterate X and rescaling it to unit diagonal, D^(−½)·X·D^(−½), which
/// keeps it positive semi-definite.
/// </summary>
public static class NearestCorrelation
{
    /// <summary>Convergence tolerance on relative changes (Higham's code uses 1e-8 … 1e-12).</summary>
    public const double Tolerance = 1e-12;

    /// <summary>Iteration cap; the method converges linearly, typically in tens to hundreds of iterations.</summary>
    public const int MaxIterations = 100_000;

    /// <summary>The nearest correlation matrix to a symmetric matrix.</summary>
    /// <param name="a">Symmetric m × m matrix (e.g. a pairwise-estimated correlation matrix), m ≥ 1.</param>
    /// <returns>The repaired matrix (symmetric, unit diagonal, positive semi-definite) and the size of the repair.</returns>
    /// <exception cref="ArgumentException">Not square.</exception>
    /// <exception cref="InvalidOperationException">No convergence in <see cref="MaxIterations"/> (not observed in practice).</exception>
    public static (double[,] Matrix, CorrelationRepairReport Report) Repair(double[,] a)
    {
        int m = a.GetLength(0);
        if (a.GetLength(1) != m) throw new ArgumentException("the matrix must be square", nameof(a));
        var input = Matrix<double>.Build.DenseOfArray(a);
        double minBefore = SmallestEigenvalue(input);
        var y = input.Clone();
        var deltaS = Matrix<double>.Build.Dense(m, m);
        Matrix<double> x = input.Clone();
        Matrix<double>? previousX = null;
        int iterations = 0;
        while (true)
        {
            if (++iterations > MaxIterations) throw new InvalidOperationException("nearest correlation matrix: no convergence");
            var previousY = y;
            var r = y - deltaS;
            x = ProjectPsd(r);
            deltaS = x - r;
            y = x.Clone();
            for (int i = 0; i < m; i++) y[i, i] = 1.0;
            double changeX = previousX is null ? double.PositiveInfinity : (x - previousX).FrobeniusNorm() / x.FrobeniusNorm();
            double changeY = (y - previousY).FrobeniusNorm() / y.FrobeniusNorm();
            double gap = (y - x).FrobeniusNorm() / y.FrobeniusNorm();
            previousX = x;
            if (Math.Max(changeX, Math.Max(changeY, gap)) <= Tolerance) break;
        }
        // X is PSD; its diagonal is 1 up to the tolerance. Rescale to an exact unit diagonal.
        var result = new double[m, m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                result[i, j] = i == j ? 1.0 : x[i, j] / Math.Sqrt(x[i, i] * x[j, j]);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < i; j++)
                result[i, j] = result[j, i]; // exact symmetry
        var repaired = Matrix<double>.Build.DenseOfArray(result);
        var diff = repaired - input;
        double maxAbs = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++) maxAbs = Math.Max(maxAbs, Math.Abs(diff[i, j]));
        return (result, new CorrelationRepairReport(minBefore, SmallestEigenvalue(repaired), diff.FrobeniusNorm(), maxAbs, iterations));
    }

    /// <summary>Smallest eigenvalue of a symmetric matrix (MathNet symmetric EVD).</summary>
    /// <param name="matrix">Symmetric matrix.</param>
    /// <returns>λ_min.</returns>
    public static double SmallestEigenvalue(Matrix<double> matrix) =>
        matrix.RowCount == 0 ? 1.0 : matrix.Evd(Symmetricity.Symmetric).EigenValues.Min(e => e.Real);

    private static Matrix<double> ProjectPsd(Matrix<double> r)
    {
        var sym = (r + r.Transpose()) * 0.5;
        var evd = sym.Evd(Symmetricity.Symmetric);
        var lambda = Matrix<double>.Build.DiagonalOfDiagonalVector(evd.EigenValues.Map(e => Math.Max(e.Real, 0.0)));
        var v = evd.EigenVectors;
        return v * lambda * v.Transpose();
    }
}
