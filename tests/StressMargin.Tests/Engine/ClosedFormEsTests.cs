using StressMargin.Compute.Cpu;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Engine;

/// <summary>
/// ES and VaR of simulated linear books against the closed forms of reference-values §5a/§5b (McNeil, Frey,
/// Embrechts 2005, p. 45). The books are perpetuals on underlyings with spot 1 and a tiny horizon vol s = σ√h, so the
/// loss −(e^x − 1) ≈ −x is linear to a relative 3s ≈ 3e-4; the tolerance is 4 reported standard errors plus that.
/// </summary>
public class ClosedFormEsTests
{
    private const int Paths = 400_000;
    private const double Horizon = 2.0;
    private static double S(double vol) => vol * Math.Sqrt(Horizon / 365);

    private static (double Es, double Var, double Se) RunLinear(string positions, double volX, double volY, double rho, string distribution, double alpha)
    {
        using var dir = new TempDir();
        var input = ScenarioLoader.Load(EngineScenarios.Linear(dir, positions, Paths, volX, volY, rho, distribution, alpha));
        var run = MarginJob.Run(input, new CpuBackend());
        var a = run.Accounts.Single();
        return (a.ExpectedShortfall, a.ValueAtRisk, a.EsStdError);
    }

    [Theory]
    [InlineData(0.99, 2.32634787404, 2.66521422035)]
    [InlineData(0.975, 1.95996398454, 2.33780279220)]
    public void NormalLinearBookMatchesClosedForm(double alpha, double var, double es)
    {
        double vol = 0.0025; // s = 1.85e-4
        var r = RunLinear("account_id,instrument_id,quantity\nA,X-PERP,1\n", vol, 0.5, 0.0, "{ type: normal }", alpha);
        double scale = S(vol);
        AssertClose(es * scale, r.Es, r.Se, scale);
        AssertClose(var * scale, r.Var, 1.5 * r.Se, scale);
    }

    [Theory]
    [InlineData(0.99, 2.64949190679, 3.69151048568)]
    [InlineData(0.975, 1.96324316148, 2.82387125182)]
    public void UnitVarianceStudentT4LinearBookMatchesClosedForm(double alpha, double var, double es)
    {
        double vol = 0.0025;
        var r = RunLinear("account_id,instrument_id,quantity\nA,X-PERP,1\n", vol, 0.5, 0.0, "{ type: student_t, degrees_of_freedom: 4 }", alpha);
        double scale = S(vol);
        AssertClose(es * scale, r.Es, r.Se, scale);
        AssertClose(var * scale, r.Var, 1.5 * r.Se, scale);
    }

    [Theory]
    [InlineData("{ type: normal }", 2.66521422035)]
    [InlineData("{ type: student_t, degrees_of_freedom: 4 }", 3.69151048568)]
    public void CorrelatedTwoAssetBookHasTheVolatilityOfTheLinearCombination(string distribution, double unitEs)
    {
        // Long 3 X, short 2 Y with ρ = 0.6: σ_p = √(9σx² + 4σy² − 12ρσxσy). A linear combination of a multivariate t
        // (shared chi-square) is t with the same ν, so the same unit-variance closed form applies.
        double vx = 0.002, vy = 0.003, rho = 0.6;
        var r = RunLinear("account_id,instrument_id,quantity\nA,X-PERP,3\nA,Y-PERP,-2\nA,USD,100\n", vx, vy, rho, distribution, 0.99);
        double sigma = Math.Sqrt(9 * S(vx) * S(vx) + 4 * S(vy) * S(vy) - 12 * rho * S(vx) * S(vy));
        AssertClose(unitEs * sigma, r.Es, r.Se, 5 * Math.Max(S(vx), S(vy)));
    }

    private static void AssertClose(double expected, double actual, double se, double nonlinearityScale)
    {
        Assert.True(se > 0 && se < 0.02 * expected, $"implausible ES standard error {se} for ES ≈ {expected}");
        double tolerance = 4 * se + 3 * nonlinearityScale * expected;
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"expected {expected:G6}, got {actual:G6} (tolerance {tolerance:G3}, s.e. {se:G3})");
    }

    [Fact]
    public void ReportedStandardErrorMatchesTheSpreadAcrossSeeds()
    {
        // 40 independent runs of 20,000 paths: the standard deviation of their ES estimates is the true sampling error;
        // with 40 runs it is itself known to about ±11% (1/√(2·39)), so the ratio must lie in [0.65, 1.5].
        var es = new List<double>();
        var se = new List<double>();
        for (ulong seed = 1; seed <= 40; seed++)
        {
            using var dir = new TempDir();
            var input = ScenarioLoader.Load(EngineScenarios.Linear(dir, "account_id,instrument_id,quantity\nA,X-PERP,1\n", 20_000, 0.6, 0.5, 0.0, "{ type: normal }", 0.99, seed));
            var a = MarginJob.Run(input, new CpuBackend()).Accounts.Single();
            es.Add(a.ExpectedShortfall);
            se.Add(a.EsStdError);
        }
        double mean = es.Average();
        double sd = Math.Sqrt(es.Sum(v => (v - mean) * (v - mean)) / (es.Count - 1));
        double ratio = se.Average() / sd;
        Assert.InRange(ratio, 0.65, 1.5);
    }
}
