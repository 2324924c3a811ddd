using static StressMargin.Tests.BadInput.ScenarioFixture;

namespace StressMargin.Tests.BadInput;

/// <summary>Scenario-file mistakes: YAML syntax, unknown and duplicate keys, wrong types, values out of range.
/// Columns are 1-based character positions in the fixture's YAML line.</summary>
public class ScenarioYamlTests
{
    [Fact]
    public void KeyTypoSuggestsTheKnownKey()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  paths: 2000", "  pathz: 2000");
        InputErrorAssert.Fails(f, Scenario, 9, 3, "unknown key 'pathz' in 'simulation' (did you mean 'paths'?)", "expected one of: paths, seed, horizon_days");
    }

    [Theory]
    [InlineData("risk_factors:", "risk_factor:", 13, 1, "unknown key 'risk_factor' in the scenario file (did you mean 'risk_factors'?)")]
    [InlineData("  es_confidence: 0.99", "  es_confidance: 0.99", 20, 3, "unknown key 'es_confidance' in 'margin' (did you mean 'es_confidence'?)")]
    [InlineData("  vol_surface: vol_surface.csv", "  volsurface: vol_surface.csv", 7, 3, "unknown key 'volsurface' in 'inputs' (did you mean 'vol_surface'?)")]
    [InlineData("  BTC: { spot_vol: atm,", "  BTC: { spotvol: atm,", 14, 10, "unknown key 'spotvol' in 'risk_factors.BTC' (did you mean 'spot_vol'?)")]
    public void KeyTypoElsewhere(string oldText, string newText, int line, int column, string message)
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, oldText, newText);
        InputErrorAssert.Fails(f, Scenario, line, column, message);
    }

    [Fact]
    public void UnknownKeyWithoutNearMatchListsTheKeys()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  dir: out\n", "  dir: out\n  colour: red\n");
        string message = InputErrorAssert.Fails(f, Scenario, 25, 3, "unknown key 'colour' in 'output'; expected one of: dir");
        Assert.DoesNotContain("did you mean", message);
    }

    [Fact]
    public void DuplicateKey()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  seed: 7\n", "  seed: 7\n  seed: 8\n");
        InputErrorAssert.Fails(f, Scenario, 11, 3, "duplicate key 'seed'");
    }

    [Fact]
    public void DuplicateUnderlyingInRiskFactors()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  ETH: { spot_vol: 0.75", "  BTC: { spot_vol: 0.75");
        InputErrorAssert.Fails(f, Scenario, 15, 3, "duplicate key 'BTC'");
    }

    [Fact]
    public void UnterminatedFlowSequence()
    {
        using var f = new ScenarioFixture();
        // The outer '[' of the matrix (line 18, column 11) loses its ']'; the inner rows are all closed.
        f.Replace(Scenario, "[-0.3, -0.25, 1]]\n", "[-0.3, -0.25, 1]\n");
        InputErrorAssert.Fails(f, Scenario, 18, 11, "invalid YAML: this '[' is never closed (expected ']')");
    }

    [Theory]
    [InlineData("[BTC.spot, ETH.spot, BTC.vol]", "[BTC.spot, ETH.spot, BTC.vol", 17, 12, "invalid YAML: this '[' is never closed (expected ']')")]
    [InlineData("{ spot_vol: atm, vol_of_vol: 1.0 }", "{ spot_vol: atm, vol_of_vol: 1.0", 14, 8, "invalid YAML: this '{' is never closed (expected '}')")]
    // At the end of the file too the error points where the bracket opens, not just past the last line.
    [InlineData("  dir: out\n", "  dir: [out\n", 24, 8, "invalid YAML: this '[' is never closed (expected ']')")]
    public void OtherUnterminatedFlowCollections(string oldText, string newText, int line, int column, string message)
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, oldText, newText);
        InputErrorAssert.Fails(f, Scenario, line, column, message);
    }

    [Fact]
    public void MissingColonAfterKey()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  seed: 7\n", "  seed 7\n");
        InputErrorAssert.Fails(f, Scenario, 10, 3, "invalid YAML: While parsing a block mapping, did not find expected key");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("2.5")]
    [InlineData("[2000]")]
    public void PathsNotAPositiveWholeNumber(string paths)
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  paths: 2000", "  paths: " + paths);
        InputErrorAssert.Fails(f, Scenario, 9, 10, "simulation.paths: expected a whole number of paths between 1 and 1,000,000,000");
    }

    [Fact]
    public void WrongTypeNamesTheValue()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  paths: 2000", "  paths: abc");
        InputErrorAssert.Fails(f, Scenario, 9, 10, "simulation.paths: expected a whole number of paths between 1 and 1,000,000,000, got 'abc'");
    }

    [Fact]
    public void SectionThatIsNotAMapping()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "margin:\n  es_confidence: 0.99\n  var_confidence: 0.99\n  mm_ratio: 0.8\n", "margin: 0.99\n");
        InputErrorAssert.Fails(f, Scenario, 19, 9, "'margin': expected a mapping of keys to values");
    }

    [Fact]
    public void NegativeSeed()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  seed: 7", "  seed: -1");
        InputErrorAssert.Fails(f, Scenario, 10, 9, "simulation.seed: expected a whole number between 0 and 18446744073709551615, got '-1'");
    }

    [Fact]
    public void UnparsableAsOf()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "as_of: 2026-02-05T09:36:47Z", "as_of: 2026-02-05T09:36:47");
        InputErrorAssert.Fails(f, Scenario, 1, 8, "as_of: expected an ISO 8601 UTC instant such as 2026-02-05T09:36:47Z, got '2026-02-05T09:36:47'");
    }

    [Fact]
    public void MissingRequiredInput()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  spots: spots.csv\n", "");
        InputErrorAssert.Fails(f, Scenario, 3, 3, "missing key 'inputs.spots' (expected a file path)");
    }

    [Theory]
    [InlineData("es_confidence", "0", 20, 18)]
    [InlineData("es_confidence", "1", 20, 18)]
    [InlineData("es_confidence", "1.5", 20, 18)]
    [InlineData("es_confidence", "-0.1", 20, 18)]
    [InlineData("es_confidence", "99%", 20, 18)]
    [InlineData("var_confidence", "0", 21, 19)]
    [InlineData("var_confidence", "1", 21, 19)]
    [InlineData("var_confidence", "1.5", 21, 19)]
    [InlineData("var_confidence", "-0.1", 21, 19)]
    public void ConfidenceOutsideZeroOne(string key, string value, int line, int column)
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, $"  {key}: 0.99", $"  {key}: {value}");
        InputErrorAssert.Fails(f, Scenario, line, column, $"margin.{key}: expected a confidence level strictly between 0 and 1 (e.g. 0.99), got '{value}'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.2")]
    public void MaintenanceRatioOutOfRange(string value)
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  mm_ratio: 0.8", "  mm_ratio: " + value);
        InputErrorAssert.Fails(f, Scenario, 22, 13, $"margin.mm_ratio: expected a ratio in (0, 1] (MM = ratio × IM), got '{value}'");
    }

    [Theory]
    [InlineData("2")]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("-4")]
    public void StudentTWithTooFewDegreesOfFreedom(string dof)
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  distribution: normal", $"  distribution: {{ type: student_t, degrees_of_freedom: {dof} }}");
        InputErrorAssert.Fails(f, Scenario, 12, 56, $"simulation.distribution.degrees_of_freedom: expected degrees of freedom above 2 and at most 1,000,000 (e.g. 4), got '{dof}'");
    }

    [Fact]
    public void StudentTWithoutDegreesOfFreedom()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  distribution: normal", "  distribution: student_t");
        InputErrorAssert.Fails(f, Scenario, 12, 17, "student_t needs degrees_of_freedom: write { type: student_t, degrees_of_freedom: 4 }");
    }

    [Fact]
    public void UnknownDistribution()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  distribution: normal", "  distribution: cauchy");
        InputErrorAssert.Fails(f, Scenario, 12, 17, "simulation.distribution.type: expected normal, student_t or fhs, got 'cauchy'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    public void HorizonDaysNotPositive(string days)
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "  horizon_days: 2", "  horizon_days: " + days);
        InputErrorAssert.Fails(f, Scenario, 11, 17, $"simulation.horizon_days: expected a positive number of calendar days, got '{days}'");
    }

    [Fact]
    public void NegativeVolOfVol()
    {
        using var f = new ScenarioFixture();
        f.Replace(Scenario, "vol_of_vol: 0.8", "vol_of_vol: -0.8");
        InputErrorAssert.Fails(f, Scenario, 15, 38, "risk_factors.ETH.vol_of_vol: expected a non-negative annualized vol of vol (0 switches the vol factor off), got '-0.8'");
    }

    [Fact]
    public void SecondYamlDocument()
    {
        using var f = new ScenarioFixture();
        f.Set(Scenario, DefaultScenario + "---\npaths: 5\n");
        InputErrorAssert.Fails(f, Scenario, 26, 1, "the file must hold one YAML document; found a second one (a stray '---'?)");
    }

    [Fact]
    public void EmptyScenarioFile()
    {
        using var f = new ScenarioFixture();
        f.Set(Scenario, "");
        InputErrorAssert.Fails(f, Scenario, 0, 0, "empty file (expected a YAML mapping)");
    }
}
