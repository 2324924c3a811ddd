using System.Globalization;
using System.Text.RegularExpressions;
using static StressMargin.Tests.BadInput.ScenarioFixture;

namespace StressMargin.Tests.BadInput;

/// <summary>The correlation block and the risk_factors entries it depends on. Fixture lines 17 and 18:
/// <code>
///   factors: [BTC.spot, ETH.spot, BTC.vol]
///   matrix: [[1, 0.9, -0.3], [0.9, 1, -0.25], [-0.3, -0.25, 1]]
/// </code></summary>
public partial class CorrelationTests
{
    private const string Matrix = "  matrix: [[1, 0.9, -0.3], [0.9, 1, -0.25], [-0.3, -0.25, 1]]";

    [Fact]
    public void NotPositiveSemiDefinite()
    {
        using var f = new ScenarioFixture();
        // Each entry is a valid correlation, but BTC.spot ~ ETH.spot (0.9), BTC.spot ~ BTC.vol (0.5) and
        // ETH.spot ~ BTC.vol (-0.5) cannot hold together: eigenvalues -0.28815273, 1.38815273, 1.9.
        f.Replace(Scenario, Matrix, "  matrix: [[1, 0.9, 0.5], [0.9, 1, -0.5], [0.5, -0.5, 1]]");
        string message = InputErrorAssert.Fails(f, Scenario, 18, 11, "correlation matrix is not positive semi-definite", "smallest eigenvalue");
        var m = SmallestEigenvalue().Match(message);
        Assert.True(m.Success, message);
        Assert.Equal(-0.28815273, double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), 5);
    }

    [Fact]
    public void WrongSize()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, Matrix, "  matrix: [[1, 0.9], [0.9, 1]]");
        InputErrorAssert.Fails(f, Scenario, 18, 11, "correlation matrix has 2 rows but 3 factors (expected 3×3)");
    }

    [Fact]
    public void RaggedRow()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, Matrix, "  matrix: [[1, 0.9, -0.3], [0.9, 1], [-0.3, -0.25, 1]]");
        // Reported at the first entry of the short row.
        InputErrorAssert.Fails(f, Scenario, 18, 29, "correlation matrix row 2 has 2 entries (expected 3, one per factor)");
    }

    [Fact]
    public void NotSymmetric()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, Matrix, "  matrix: [[1, 0.9, -0.3], [0.8, 1, -0.25], [-0.3, -0.25, 1]]");
        // Reported at BTC.spot×ETH.spot, the first of the pair in row order (column 16 of the line).
        InputErrorAssert.Fails(f, Scenario, 18, 16, "correlation matrix is not symmetric: BTC.spot×ETH.spot is 0.9 but ETH.spot×BTC.spot is 0.8");
    }

    [Fact]
    public void DiagonalNotOne()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, Matrix, "  matrix: [[1, 0.9, -0.3], [0.9, 0.95, -0.25], [-0.3, -0.25, 1]]");
        InputErrorAssert.Fails(f, Scenario, 18, 34, "correlation matrix diagonal must be 1, got 0.95 for ETH.spot");
    }

    [Fact]
    public void EntryOutsideMinusOneOne()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, Matrix, "  matrix: [[1, 1.2, -0.3], [1.2, 1, -0.25], [-0.3, -0.25, 1]]");
        InputErrorAssert.Fails(f, Scenario, 18, 16, "correlation of BTC.spot and ETH.spot must lie in [-1, 1], got 1.2");
    }

    [Fact]
    public void EntryNotANumber()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, Matrix, "  matrix: [[1, 0.9, -0.3], [0.9, 1, high], [-0.3, -0.25, 1]]");
        InputErrorAssert.Fails(f, Scenario, 18, 37, "correlation.matrix: expected a number, got 'high'");
    }

    [Fact]
    public void FactorNamingAnUnknownUnderlying()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "[BTC.spot, ETH.spot, BTC.vol]", "[BTC.spot, SOL.spot, BTC.vol]");
        InputErrorAssert.Fails(f, Scenario, 17, 23, "correlation factor 'SOL.spot' names underlying 'SOL', which has no risk_factors entry");
    }

    [Theory]
    [InlineData("ETH.price")]
    [InlineData("ETH")]
    [InlineData("ETH.Spot")]
    [InlineData("ETH.basis")]
    [InlineData("ETH.basis0")]
    public void FactorWithBadSuffix(string factor)
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "[BTC.spot, ETH.spot, BTC.vol]", $"[BTC.spot, {factor}, BTC.vol]");
        InputErrorAssert.Fails(f, Scenario, 17, 23, $"correlation.factors: expected UNDERLYING.spot, UNDERLYING.vol or UNDERLYING.basisD (a basis bucket), got '{factor}'");
    }

    [Fact]
    public void FactorListedTwice()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "[BTC.spot, ETH.spot, BTC.vol]", "[BTC.spot, ETH.spot, BTC.spot]");
        InputErrorAssert.Fails(f, Scenario, 17, 33, "correlation factor 'BTC.spot' is listed twice");
    }

    [Fact]
    public void HeldUnderlyingWithoutRiskFactorsEntry()
    {
        using var f = new ScenarioFixture();
        // ETH is held (acct-3's ETH-PERPETUAL) but has no risk_factors entry; the correlation no longer names it.
        f.Replace(Scenario, "  ETH: { spot_vol: 0.75, vol_of_vol: 0.8 }\n", "")
         .Replace(Scenario, "[BTC.spot, ETH.spot, BTC.vol]", "[BTC.spot, BTC.vol]")
         .Replace(Scenario, Matrix, "  matrix: [[1, -0.3], [-0.3, 1]]");
        InputErrorAssert.Fails(f, Scenario, 14, 3, "risk_factors has no entry for underlying 'ETH', which the book holds", "expected e.g. 'ETH: { spot_vol: atm, vol_of_vol: 1.0 }'");
    }

    [Fact]
    public void AtmSpotVolWithoutVolSurface()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  ETH: { spot_vol: 0.75,", "  ETH: { spot_vol: atm,");
        InputErrorAssert.Fails(f, Scenario, 15, 8, "spot_vol: atm for 'ETH' needs implied vols for it in vol_surface.csv; give a number instead");
    }

    [Fact]
    public void EmptyCorrelationBlockIsNotAnInternalError()
    {
        using var f = new ScenarioFixture();
        // A 0×0 matrix over no factors is a valid (empty) correlation, as if the block were left out; it used to
        // crash the eigen-decomposition (exit 1, "internal error: IndexOutOfRangeException").
        f.Replace(Scenario, "  factors: [BTC.spot, ETH.spot, BTC.vol]", "  factors: []")
         .Replace(Scenario, Matrix, "  matrix: []");
        var r = f.Validate();
        Assert.True(r.ExitCode == StressMargin.Cli.ExitCodes.Success, r.Stderr);
        Assert.Contains("correlation: smallest eigenvalue 1,", r.Stdout);
    }

    [Fact]
    public void EmptyMatrixForFactors()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, Matrix, "  matrix: []");
        InputErrorAssert.Fails(f, Scenario, 18, 11, "correlation matrix has 0 rows but 3 factors (expected 3×3)");
    }

    [GeneratedRegex(@"smallest eigenvalue (-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)")]
    private static partial Regex SmallestEigenvalue();
}
