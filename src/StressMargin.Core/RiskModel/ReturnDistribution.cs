namespace StressMargin.Core.RiskModel;

/// <summary>Shape of the joint law of the factor shocks.</summary>
public enum DistributionKind
{
    /// <summary>Multivariate normal.</summary>
    Normal,
    /// <summary>Multivariate Student t (one shared chi-square per path and step), scaled to unit variance.</summary>
    StudentT,
}

/// <summary>
/// The distribution of the standardized factor shocks: normal, or the multivariate t with ν degrees of freedom
/// scaled to unit variance, ε = Z·√((ν − 2)/W) with Z ~ N(0, R) and W ~ χ²_ν shared by all factors of a path
/// and step (McNeil, Frey, Embrechts, "Quantitative Risk Management" (2005), §3.2.1).
/// </summary>
/// <param name="Kind">Normal or Student t.</param>
/// <param name="DegreesOfFreedom">ν for Student t (must exceed 2 so the variance is finite); ignored for normal.</param>
public sealed record ReturnDistribution(DistributionKind Kind, double DegreesOfFreedom = double.PositiveInfinity)
{
    /// <summary>The multivariate normal.</summary>
    public static ReturnDistribution Normal { get; } = new(DistributionKind.Normal);

    /// <summary>The unit-variance multivariate t.</summary>
    /// <param name="degreesOfFreedom">ν &gt; 2.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentOutOfRangeException">ν ≤ 2 or not finite.</exception>
    public static ReturnDistribution StudentT(double degreesOfFreedom) =>
        degreesOfFreedom > 2 && double.IsFinite(degreesOfFreedom)
            ? new(DistributionKind.StudentT, degreesOfFreedom)
            : throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "degrees of freedom must be a finite number above 2");

    /// <summary>Short description for logs and the manifest, e.g. <c>student_t(4)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind == DistributionKind.Normal ? "normal" : FormattableString.Invariant($"student_t({DegreesOfFreedom})");
}
