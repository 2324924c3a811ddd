using MathNet.Numerics.Distributions;

namespace StressMargin.Core.Backtesting;

/// <summary>A likelihood-ratio test: the statistic and its p-value under the χ² law with one degree of freedom.</summary>
/// <param name="Statistic">LR ≥ 0.</param>
/// <param name="PValue">1 − F_χ²(1)(LR) (MathNet.Numerics <c>ChiSquared.CDF</c>); small values reject the null.</param>
public sealed record LikelihoodRatioTest(double Statistic, double PValue);

/// <summary>
/// The exceedances of one margin or VaR series against realized losses, with the regulator's coverage tests.
/// </summary>
/// <param name="Observations">n, dates tested.</param>
/// <param name="Exceedances">x, dates whose realized loss exceeded the margin (or VaR).</param>
/// <param name="ExpectedRate">p, the exceedance probability of the null hypothesis (1 − confidence).</param>
/// <param name="Kupiec">Kupiec's proportion-of-failures test of x/n = p.</param>
/// <param name="Christoffersen">Christoffersen's test of independence of consecutive exceedances.</param>
/// <param name="Transitions">Counts (n00, n01, n10, n11) of consecutive pairs (no exceedance → no exceedance, …).</param>
public sealed record ExceedanceSummary(int Observations, int Exceedances, double ExpectedRate, LikelihoodRatioTest Kupiec, LikelihoodRatioTest Christoffersen, (int N00, int N01, int N10, int N11) Transitions)
{
    /// <summary>x/n (NaN when n = 0).</summary>
    public double Rate => Observations == 0 ? double.NaN : (double)Exceedances / Observations;
}

/// <summary>
/// Backtesting tests of a risk measure's coverage, with 0·ln 0 = 0 throughout:
/// <list type="bullet">
/// <item>Kupiec (1995), "Techniques for verifying the accuracy of risk measurement models", <i>J. Derivatives</i>
/// 3(2) 73–84, proportion of failures: LR_POF = −2·ln[(1 − p)^(n−x)·p^x] + 2·ln[(1 − x/n)^(n−x)·(x/n)^x].</item>
/// <item>Christoffersen (1998), "Evaluating interval forecasts", <i>International Economic Review</i> 39(4)
/// 841–862, independence: with n_ij the number of days in state j following a day in state i (1 = exceedance),
/// π01 = n01/(n00 + n01), π11 = n11/(n10 + n11), π = (n01 + n11)/(n00 + n01 + n10 + n11),
/// LR_ind = −2·ln[(1 − π)^(n00+n10)·π^(n01+n11)] + 2·ln[(1 − π01)^n00·π01^n01·(1 − π11)^n10·π11^n11].</item>
/// </list>
/// Both are asymptotically χ² with one degree of freedom under their null.
/// </summary>
public static class CoverageTests
{
    /// <summary>Kupiec's proportion-of-failures test.</summary>
    /// <param name="observations">n ≥ 1.</param>
    /// <param name="exceedances">x, 0 ≤ x ≤ n.</param>
    /// <param name="expectedRate">p in (0, 1).</param>
    /// <returns>LR_POF and its p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1, x outside [0, n], or p outside (0, 1).</exception>
    public static LikelihoodRatioTest KupiecPof(int observations, int exceedances, double expectedRate)
    {
        if (observations < 1) throw new ArgumentOutOfRangeException(nameof(observations), observations, "need at least one observation");
        if (exceedances < 0 || exceedances > observations) throw new ArgumentOutOfRangeException(nameof(exceedances), exceedances, "must lie in [0, n]");
        if (!(expectedRate > 0 && expectedRate < 1)) throw new ArgumentOutOfRangeException(nameof(expectedRate), expectedRate, "must lie in (0, 1)");
        int n = observations, x = exceedances;
        double observed = (double)x / n;
        double lr = -2 * (XLogY(n - x, 1 - expectedRate) + XLogY(x, expectedRate)) + 2 * (XLogY(n - x, 1 - observed) + XLogY(x, observed));
        return Test(lr);
    }

    /// <summary>Christoffersen's independence test on a series of exceedance indicators in date order.</summary>
    /// <param name="exceedances">Indicator per date.</param>
    /// <returns>LR_ind, its p-value (statistic 0 and p-value 1 when there are fewer than two dates or no
    /// exceedance), and the transition counts.</returns>
    public static (LikelihoodRatioTest Test, (int N00, int N01, int N10, int N11) Transitions) ChristoffersenIndependence(ReadOnlySpan<bool> exceedances)
    {
        int n00 = 0, n01 = 0, n10 = 0, n11 = 0;
        for (int t = 1; t < exceedances.Length; t++)
        {
            if (exceedances[t - 1]) { if (exceedances[t]) n11++; else n10++; }
            else { if (exceedances[t]) n01++; else n00++; }
        }
        int total = n00 + n01 + n10 + n11;
        if (total == 0 || n01 + n11 == 0) return (new LikelihoodRatioTest(0, 1), (n00, n01, n10, n11));
        double pi = (double)(n01 + n11) / total;
        double pi01 = n00 + n01 == 0 ? 0 : (double)n01 / (n00 + n01);
        double pi11 = n10 + n11 == 0 ? 0 : (double)n11 / (n10 + n11);
        double restricted = XLogY(n00 + n10, 1 - pi) + XLogY(n01 + n11, pi);
        double unrestricted = XLogY(n00, 1 - pi01) + XLogY(n01, pi01) + XLogY(n10, 1 - pi11) + XLogY(n11, pi11);
        return (Test(-2 * restricted + 2 * unrestricted), (n00, n01, n10, n11));
    }

    /// <summary>Exceedance count, rate and both tests of a series.</summary>
    /// <param name="exceedances">Indicator per date, in date order; at least one.</param>
    /// <param name="expectedRate">p in (0, 1).</param>
    /// <returns>The summary.</returns>
    public static ExceedanceSummary Summarize(ReadOnlySpan<bool> exceedances, double expectedRate)
    {
        int x = 0;
        foreach (bool e in exceedances) if (e) x++;
        var (independence, transitions) = ChristoffersenIndependence(exceedances);
        return new ExceedanceSummary(exceedances.Length, x, expectedRate, KupiecPof(exceedances.Length, x, expectedRate), independence, transitions);
    }

    /// <summary>k·ln y with 0·ln 0 = 0.</summary>
    private static double XLogY(double k, double y) => k == 0 ? 0 : k * Math.Log(y);

    private static LikelihoodRatioTest Test(double lr)
    {
        lr = Math.Max(lr, 0); // rounding can leave −1e-15 when the observed rate equals p
        return new LikelihoodRatioTest(lr, 1 - ChiSquared.CDF(1, lr));
    }
}
