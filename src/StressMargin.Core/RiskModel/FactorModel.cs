using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using StressMargin.Core.Calibration;
using StressMargin.Core.MarketData;

namespace StressMargin.Core.RiskModel;

/// <summary>
/// The joint law of the risk factors over the horizon h (years). Per underlying u (in <see cref="Underlyings"/>
/// order) two factors, laid out as <c>[2u] = u.spot</c> and <c>[2u + 1] = u.vol</c>, then the basis factors
/// <c>[2U + k]</c> (<see cref="BasisFactors"/>, by underlying then tenor bucket; none unless configured):
/// <code>
/// x_u = Σ_s σ_u·√(h/S)·ε_{2u,s} − ½σ_u²h      (log return of spot)
/// y_u = Σ_s ν_u·√(h/S)·ε_{2u+1,s} − ½ν_u²h    (log change of the whole vol surface)
/// β_k = Σ_s σ_k·√(h/S)·ε_{2U+k,s} − ½σ_k²h  (change of the log-basis ln(F/S) in bucket k)
/// ε_s = A·z_s (·√((ν−2)/W_s) for Student t),   A·Aᵀ = R
/// </code>
/// with S steps, z_s independent standard normals, R the correlation matrix and A its Cholesky factor (lower
/// triangular; MathNet.Numerics). When R is positive semi-definite but singular (e.g. a correlation of exactly 1),
/// Cholesky fails and A = V·√Λ from the eigen-decomposition R = V·Λ·Vᵀ is used instead (also A·Aᵀ = R).
/// </summary>
public sealed class FactorModel
{
    /// <summary>Tolerance for symmetry, unit diagonal and the smallest eigenvalue of the correlation matrix.</summary>
    public const double MatrixTolerance = 1e-10;

    private FactorModel(string[] underlyings, double[] spotVols, double[] volOfVols, BasisFactor[] basis, double[] funding, double[,] correlation, double[,] loading, double minEigen, bool isCholesky)
    {
        FundingRates8h = funding;
        BasisFactors = basis;
        Underlyings = underlyings;
        SpotVolsAnnualized = spotVols;
        VolOfVolsAnnualized = volOfVols;
        Correlation = correlation;
        Loading = loading;
        SmallestEigenvalue = minEigen;
        LoadingIsCholesky = isCholesky;
    }

    /// <summary>Underlyings in factor order (ordinal).</summary>
    public IReadOnlyList<string> Underlyings { get; }

    /// <summary>σ_u, annualized decimal, per underlying.</summary>
    public IReadOnlyList<double> SpotVolsAnnualized { get; }

    /// <summary>ν_u, annualized decimal, per underlying.</summary>
    public IReadOnlyList<double> VolOfVolsAnnualized { get; }

    /// <summary>The basis factors in factor order: factor <c>2U + k</c> is <c>BasisFactors[k]</c>.</summary>
    public IReadOnlyList<BasisFactor> BasisFactors { get; }

    /// <summary>Funding rate per 8 hours of each underlying's perpetuals (decimal; positive: longs pay), per underlying;
    /// 0 without a <c>funding:</c> block. Not a factor: a deterministic payment on every path
    /// (<see cref="Instruments.PerpetualFunding"/>).</summary>
    public IReadOnlyList<double> FundingRates8h { get; }

    /// <summary>Number of factors, 2 × underlyings + basis factors.</summary>
    public int FactorCount => 2 * Underlyings.Count + BasisFactors.Count;

    /// <summary>The full correlation matrix R, <c>[factor, factor]</c>.</summary>
    public double[,] Correlation { get; }

    /// <summary>A with A·Aᵀ = R, <c>[factor, factor]</c>; lower triangular when <see cref="LoadingIsCholesky"/>, else V·√Λ.</summary>
    public double[,] Loading { get; }

    /// <summary>Whether <see cref="Loading"/> is the Cholesky factor (R positive definite) or the eigen factor V·√Λ (R singular).</summary>
    public bool LoadingIsCholesky { get; }

    /// <summary>Smallest eigenvalue of R.</summary>
    public double SmallestEigenvalue { get; }

    /// <summary>Annualized vol of factor f: σ_u for spot factors, ν_u for vol factors, σ_k for basis factors.</summary>
    /// <param name="factor">Factor index, 0 ≤ f &lt; <see cref="FactorCount"/>.</param>
    /// <returns>Annualized decimal vol.</returns>
    public double FactorVolAnnualized(int factor)
    {
        int first = 2 * Underlyings.Count;
        if (factor >= first) return BasisFactors[factor - first].VolAnnualized;
        return (factor & 1) == 0 ? SpotVolsAnnualized[factor >> 1] : VolOfVolsAnnualized[factor >> 1];
    }

    /// <summary>The factor at an index: <c>[2u]</c> is the spot factor and <c>[2u + 1]</c> the vol factor of underlying u,
    /// <c>[2U + k]</c> basis factor k.</summary>
    /// <param name="factor">Factor index, 0 ≤ f &lt; <see cref="FactorCount"/>.</param>
    /// <returns>The factor; its <see cref="FactorId.ToString"/> is the file spelling, e.g. <c>BTC.spot</c>.</returns>
    public FactorId FactorAt(int factor)
    {
        int first = 2 * Underlyings.Count;
        if (factor < first) return new(Underlyings[factor / 2], (FactorKind)(factor % 2));
        var b = BasisFactors[factor - first];
        return new(Underlyings[b.Underlying], FactorKind.Basis, b.BucketDays);
    }

    /// <summary>The index of a named factor, or −1 when the model does not have it.</summary>
    /// <param name="id">The factor.</param>
    /// <returns>Its index in [0, <see cref="FactorCount"/>), or −1.</returns>
    public int IndexOf(FactorId id)
    {
        int u = IndexOfUnderlying(Underlyings, id.Underlying);
        if (u < 0) return -1;
        if (id.Kind != FactorKind.Basis) return 2 * u + (int)id.Kind;
        for (int k = 0; k < BasisFactors.Count; k++)
            if (BasisFactors[k].Underlying == u && BasisFactors[k].BucketDays == id.BucketDays) return 2 * Underlyings.Count + k;
        return -1;
    }

    /// <summary>The basis factor that moves a dated future of underlying u (<see cref="BasisFactorSpec.BucketOf"/>), or −1
    /// when the underlying has no basis factors (the future then moves with spot only).</summary>
    /// <param name="underlying">Underlying index u.</param>
    /// <param name="daysToExpiry">Calendar days from as_of to the future's expiry.</param>
    /// <returns>The factor index 2U + k, or −1.</returns>
    public int BasisFactorOf(int underlying, double daysToExpiry)
    {
        int last = -1;
        for (int k = 0; k < BasisFactors.Count; k++)
        {
            if (BasisFactors[k].Underlying != underlying) continue;
            last = 2 * Underlyings.Count + k;
            if (daysToExpiry <= BasisFactors[k].BucketDays) return last;
        }
        return last;
    }

    private static int IndexOfUnderlying(IReadOnlyList<string> names, string u)
    {
        for (int i = 0; i < names.Count; i++)
            if (string.Equals(names[i], u, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>Builds the model for the underlyings a book needs.</summary>
    /// <param name="underlyings">Underlyings of the risky instruments held; each needs a spec.</param>
    /// <param name="specs">The scenario's risk_factors entries, by underlying.</param>
    /// <param name="correlation">The scenario's correlation block, or null (all factors uncorrelated).</param>
    /// <param name="market">Market, for σ = ATM implied vol at the horizon ("atm").</param>
    /// <param name="horizonYears">h in years, positive.</param>
    /// <param name="specsLocation">Where the risk_factors block is, for the "missing entry" error.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InputException">Missing entry, negative vol, "atm" without a surface, unknown factor name,
    /// malformed matrix, or a matrix that is not positive semi-definite (the message gives its smallest eigenvalue).</exception>
    public static FactorModel Build(
        IEnumerable<string> underlyings,
        IReadOnlyDictionary<string, RiskFactorSpec> specs,
        CorrelationSpec? correlation,
        MarketSnapshot market,
        double horizonYears,
        SourceLocation? specsLocation)
    {
        var names = underlyings.Distinct().Order(StringComparer.Ordinal).ToArray();
        var spotVols = new double[names.Length];
        var volOfVols = new double[names.Length];
        var basis = new List<BasisFactor>();
        var funding = new double[names.Length];
        for (int u = 0; u < names.Length; u++)
        {
            if (!specs.TryGetValue(names[u], out var spec))
                throw new InputException(specsLocation, $"risk_factors has no entry for underlying '{names[u]}', which the book holds (expected e.g. '{names[u]}: {{ spot_vol: atm, vol_of_vol: 1.0 }}')");
            spotVols[u] = spec.SpotVolAnnualized ?? AtmVol(spec, market, horizonYears);
            if (!(spotVols[u] >= 0) || !double.IsFinite(spotVols[u]))
                throw new InputException(spec.Source, $"spot_vol for '{names[u]}' must be a non-negative number or 'atm', got {spotVols[u]}");
            volOfVols[u] = spec.VolOfVolAnnualized;
            funding[u] = spec.Funding?.Rate8h ?? 0.0;
            if (!(volOfVols[u] >= 0) || !double.IsFinite(volOfVols[u]))
                throw new InputException(spec.Source, $"vol_of_vol for '{names[u]}' must be a non-negative number, got {volOfVols[u]}");
            if (spec.Basis is { } b)
                for (int k = 0; k < b.BucketDays.Count; k++) basis.Add(new BasisFactor(u, b.BucketDays[k], b.VolsAnnualized[k]));
        }

        int n = 2 * names.Length + basis.Count;
        var r = new double[n, n];
        for (int i = 0; i < n; i++) r[i, i] = 1.0;
        double minEigen = 1.0;
        if (correlation is not null)
        {
            minEigen = ValidateCorrelation(correlation, specs);
            var index = correlation.Factors.Select(f => IndexOf(names, basis, f)).ToArray();
            for (int i = 0; i < index.Length; i++)
                for (int j = 0; j < index.Length; j++)
                    if (index[i] >= 0 && index[j] >= 0) r[index[i], index[j]] = correlation.Matrix[i][j];
        }
        var (loading, isCholesky) = LoadingOf(Matrix<double>.Build.DenseOfArray(r));
        return new FactorModel(names, spotVols, volOfVols, basis.ToArray(), funding, r, loading.ToArray(), minEigen, isCholesky);
    }

    private static int IndexOf(string[] names, List<BasisFactor> basis, FactorId f)
    {
        int u = Array.IndexOf(names, f.Underlying);
        if (u < 0) return -1;
        if (f.Kind != FactorKind.Basis) return 2 * u + (int)f.Kind;
        int k = basis.FindIndex(b => b.Underlying == u && b.BucketDays == f.BucketDays);
        return k < 0 ? -1 : 2 * names.Length + k;
    }

    /// <summary>
    /// This model with another correlation matrix, e.g. one that merges correlations estimated from a price history
    /// (<see cref="Calibration.CalibratedModel"/>); vols are unchanged, the loading is refactored (Cholesky, else V·√Λ).
    /// </summary>
    /// <param name="correlation">R, <c>[factor, factor]</c>, F × F (<see cref="FactorCount"/>), symmetric with unit diagonal and smallest
    /// eigenvalue ≥ −<see cref="MatrixTolerance"/>.</param>
    /// <returns>The new model.</returns>
    /// <exception cref="ArgumentException">Wrong size, not symmetric, diagonal not 1, or not positive semi-definite.</exception>
    public FactorModel WithCorrelation(double[,] correlation)
    {
        int n = FactorCount;
        if (correlation.GetLength(0) != n || correlation.GetLength(1) != n) throw new ArgumentException($"expected a {n}×{n} matrix", nameof(correlation));
        for (int i = 0; i < n; i++)
        {
            if (Math.Abs(correlation[i, i] - 1.0) > MatrixTolerance) throw new ArgumentException("the diagonal must be 1", nameof(correlation));
            for (int j = 0; j < i; j++)
                if (Math.Abs(correlation[i, j] - correlation[j, i]) > MatrixTolerance) throw new ArgumentException("the matrix must be symmetric", nameof(correlation));
        }
        var r = (double[,])correlation.Clone();
        double minEigen = NearestCorrelation.SmallestEigenvalue(Matrix<double>.Build.DenseOfArray(r));
        if (minEigen < -MatrixTolerance) throw new ArgumentException($"the matrix is not positive semi-definite (smallest eigenvalue {minEigen})", nameof(correlation));
        var (loading, isCholesky) = LoadingOf(Matrix<double>.Build.DenseOfArray(r));
        return new FactorModel(Underlyings.ToArray(), SpotVolsAnnualized.ToArray(), VolOfVolsAnnualized.ToArray(), BasisFactors.ToArray(), FundingRates8h.ToArray(), r, loading.ToArray(), minEigen, isCholesky);
    }

    private static double AtmVol(RiskFactorSpec spec, MarketSnapshot market, double horizonYears)
    {
        var surface = market.Surface(spec.Underlying)
            ?? throw new InputException(spec.Source, $"spot_vol: atm for '{spec.Underlying}' needs implied vols for it in vol_surface.csv; give a number instead");
        return surface.ImpliedVolAtLogMoneyness(0.0, horizonYears);
    }

    /// <summary>Checks names, shape, symmetry, unit diagonal, bounds and positive semi-definiteness.</summary>
    /// <returns>The smallest eigenvalue.</returns>
    private static double ValidateCorrelation(CorrelationSpec c, IReadOnlyDictionary<string, RiskFactorSpec> specs)
    {
        int m = c.Factors.Count;
        var seen = new HashSet<FactorId>();
        for (int i = 0; i < m; i++)
        {
            var f = c.Factors[i];
            if (!specs.ContainsKey(f.Underlying))
                throw new InputException(c.FactorAt(i), $"correlation factor '{f}' names underlying '{f.Underlying}', which has no risk_factors entry");
            if (!seen.Add(f)) throw new InputException(c.FactorAt(i), $"correlation factor '{f}' is listed twice");
            if (f.Kind == FactorKind.Basis && (specs[f.Underlying].Basis is not { } b || !b.BucketDays.Contains(f.BucketDays)))
                throw new InputException(c.FactorAt(i), $"correlation factor '{f}' names a basis bucket that risk_factors.{f.Underlying}.basis.buckets does not list (expected one of {(specs[f.Underlying].Basis is { } bb ? string.Join(", ", bb.BucketDays.Select(d => $"{f.Underlying}.basis{d}")) : "none: the entry has no basis block")})");
        }
        if (c.Matrix.Count != m)
            throw new InputException(c.Source, $"correlation matrix has {c.Matrix.Count} rows but {m} factors (expected {m}×{m})");
        for (int i = 0; i < m; i++)
            if (c.Matrix[i].Count != m)
                throw new InputException(c.CellAt(i, 0), $"correlation matrix row {i + 1} has {c.Matrix[i].Count} entries (expected {m}, one per factor)");
        for (int i = 0; i < m; i++)
        {
            if (Math.Abs(c.Matrix[i][i] - 1.0) > MatrixTolerance)
                throw new InputException(c.CellAt(i, i), FormattableString.Invariant($"correlation matrix diagonal must be 1, got {c.Matrix[i][i]} for {c.Factors[i]}"));
            for (int j = 0; j < m; j++)
            {
                double v = c.Matrix[i][j];
                if (!(Math.Abs(v) <= 1.0)) throw new InputException(c.CellAt(i, j), FormattableString.Invariant($"correlation of {c.Factors[i]} and {c.Factors[j]} must lie in [-1, 1], got {v}"));
                if (Math.Abs(v - c.Matrix[j][i]) > MatrixTolerance)
                    throw new InputException(c.CellAt(i, j), FormattableString.Invariant($"correlation matrix is not symmetric: {c.Factors[i]}×{c.Factors[j]} is {v} but {c.Factors[j]}×{c.Factors[i]} is {c.Matrix[j][i]}"));
            }
        }
        if (m == 0) return 1.0; // 'factors: []' and 'matrix: []' correlate nothing, like leaving the block out
        var matrix = Matrix<double>.Build.Dense(m, m, (i, j) => c.Matrix[i][j]);
        double minEigen = NearestCorrelation.SmallestEigenvalue(matrix);
        if (minEigen < -MatrixTolerance)
            throw new InputException(c.Source, FormattableString.Invariant($"correlation matrix is not positive semi-definite: smallest eigenvalue {minEigen:G6} (expected ≥ 0)"));
        return minEigen;
    }

    /// <summary>
    /// A with A·Aᵀ = <paramref name="symmetric"/>: its Cholesky factor (lower triangular) when it is positive
    /// definite, else V·√max(Λ, 0) from its symmetric eigen-decomposition (MathNet). Used for R here and for the
    /// conditional covariance of the factors without history in filtered historical simulation.
    /// </summary>
    /// <param name="symmetric">A symmetric positive semi-definite matrix.</param>
    /// <returns>The factor, and whether it is the Cholesky factor.</returns>
    internal static (Matrix<double> Loading, bool IsCholesky) LoadingOf(Matrix<double> symmetric)
    {
        try
        {
            return (symmetric.Cholesky().Factor, true);
        }
        catch (ArgumentException)
        {
            // Positive semi-definite but singular: A = V·√max(Λ, 0) still satisfies A·Aᵀ = V·Λ·Vᵀ = R.
            var evd = symmetric.Evd(Symmetricity.Symmetric);
            var sqrtLambda = Matrix<double>.Build.DiagonalOfDiagonalVector(evd.EigenValues.Map(e => Math.Sqrt(Math.Max(e.Real, 0.0))));
            return (evd.EigenVectors * sqrtLambda, false);
        }
    }
}
