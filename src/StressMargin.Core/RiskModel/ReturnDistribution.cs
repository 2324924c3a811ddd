namespace StressMargin.Core.RiskModel;

/// <summary>Shape of the joint law of the factor shocks.</summary>
public enum DistributionKind
{
    /// <summary>Multivariate normal.</summary>
    Normal,
    /// <summary>Multivariate Student t (one shared chi-square per path and step), scaled to unit variance.</summary>
    StudentT,
    /// <summary>Filtered historical simulation: standardized historical returns drawn by date and rescaled to today's
    /// vol (docs/model.md, "Filtered historical simulation").</summary>
    FilteredHistorical,
}

/// <summary>How filtered historical simulation builds a multi-day horizon from daily residuals.</summary>
public enum FhsDays
{
    /// <summary>One start date per path; the D residuals of consecutive history rows from it are summed (keeps the
    /// history's serial dependence within the horizon).</summary>
    Consecutive,
    /// <summary>D dates drawn independently per path.</summary>
    Independent,
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

    /// <summary>For <see cref="DistributionKind.FilteredHistorical"/>: consecutive or independent days.</summary>
    public FhsDays Days { get; init; }

    /// <summary>Filtered historical simulation (Barone-Adesi et al. 1999); needs a calibration with a price history.</summary>
    /// <param name="days">How multi-day horizons are drawn.</param>
    /// <returns>The distribution.</returns>
    public static ReturnDistribution FilteredHistorical(FhsDays days) => new(DistributionKind.FilteredHistorical) { Days = days };

    /// <summary>The scenario-file spelling of the type: <c>normal</c>, <c>student_t</c> or <c>fhs</c>.</summary>
    public string TypeName => Kind switch { DistributionKind.Normal => "normal", DistributionKind.StudentT => "student_t", _ => "fhs" };

    /// <summary>Short description for logs and the manifest, e.g. <c>student_t(4)</c> or <c>fhs(consecutive days)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind switch
    {
        DistributionKind.Normal => "normal",
        DistributionKind.StudentT => FormattableString.Invariant($"student_t({DegreesOfFreedom})"),
        _ => $"fhs({(Days == FhsDays.Consecutive ? "consecutive" : "independent")} days)",
    };
}
