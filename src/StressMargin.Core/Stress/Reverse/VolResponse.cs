namespace StressMargin.Core.Stress.Reverse;

/// <summary>
/// The model's response of an underlying's vol factor y (the log change of every implied vol) to its spot factor x
/// (the log return of spot over the horizon): the conditional mean E[y | x] = <see cref="Intercept"/> +
/// <see cref="Slope"/>·x. With x ~ (−½σ²h, σ²h), y ~ (−½ν²h, ν²h) and corr(x, y) = ρ (docs/model.md §3):
/// <code>
/// Slope = ρ·ν/σ          Intercept = −½ν²h − Slope·(−½σ²h) = −½ν²h + ½ρνσh
/// </code>
/// the regression of y on x. It is the exact conditional mean for the normal law and for the multivariate Student t
/// (elliptical laws have linear conditional means with the same coefficients; McNeil, Frey &amp; Embrechts 2005, §3.3,
/// elliptical distributions), and the best linear predictor of y from x for any law with these moments (filtered historical
/// simulation, several Student-t steps). σ = 0 gives Slope = 0 (no information in x).
/// </summary>
/// <param name="Intercept">E[y | x = 0].</param>
/// <param name="Slope">dE[y | x]/dx.</param>
public sealed record VolResponse(double Intercept, double Slope)
{
    /// <summary>No response: vols unchanged along the path (y ≡ 0).</summary>
    public static VolResponse None { get; } = new(0, 0);

    /// <summary>The response of one underlying's factor pair.</summary>
    /// <param name="spotVol">σ, annualized decimal, ≥ 0.</param>
    /// <param name="volOfVol">ν, annualized decimal, ≥ 0.</param>
    /// <param name="correlation">ρ = corr(x, y), in [−1, 1].</param>
    /// <param name="horizonYears">h, years.</param>
    /// <returns>The conditional-mean line.</returns>
    public static VolResponse FromModel(double spotVol, double volOfVol, double correlation, double horizonYears)
    {
        double slope = spotVol > 0 ? correlation * volOfVol / spotVol : 0.0;
        return new VolResponse(-0.5 * volOfVol * volOfVol * horizonYears + slope * 0.5 * spotVol * spotVol * horizonYears, slope);
    }

    /// <summary>E[y | x]: the log change of the underlying's implied vols given its spot log return.</summary>
    /// <param name="logReturn">x = ln(S1/S0).</param>
    /// <returns>y; the vols move by the factor e^y.</returns>
    public double LogVolChange(double logReturn) => Intercept + Slope * logReturn;
}
