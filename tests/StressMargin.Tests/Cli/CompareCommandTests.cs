using System.Globalization;
using StressMargin.Cli;
using StressMargin.Tests.BadInput;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Cli;

/// <summary><c>stressmargin compare</c> on real CPU outputs: runs that must agree exactly, and perturbed copies
/// that must not.</summary>
public class CompareCommandTests : IClassFixture<CompareCommandTests.TwoRuns>
{
    private readonly TwoRuns _runs;

    public CompareCommandTests(TwoRuns runs) => _runs = runs;

    /// <summary>The sample at 5,000 paths on 1 and on 2 threads (bit-identical by design).</summary>
    public sealed class TwoRuns : IDisposable
    {
        private readonly TempDir _dir = new();

        public TwoRuns()
        {
            foreach (var (name, threads) in new[] { ("one", "1"), ("two", "2") })
            {
                var r = CliRunner.Run("run", RepoPaths.SampleScenario, "--paths", "5000", "--device", "cpu", "--threads", threads, "--out", _dir.File(name));
                Assert.True(r.ExitCode == 0, r.Stderr);
            }
        }

        public string One => _dir.File("one");
        public string Two => _dir.File("two");

        public string Copy(string name)
        {
            string to = _dir.File(name + "-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(to);
            foreach (var f in Directory.GetFiles(One)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
            return to;
        }

        public void Dispose() => _dir.Dispose();
    }

    [Fact]
    public void RunsWithDifferentThreadCountsAreEqualAtZeroTolerance()
    {
        var r = CliRunner.Run("compare", _runs.One, _runs.Two, "--rel-tol", "0");
        Assert.True(r.ExitCode == ExitCodes.Success, r.Stdout + r.Stderr);
        Assert.Contains("margin.csv: 305 rows", r.Stdout);
        Assert.Contains("attribution.csv: 891 rows", r.Stdout);
        Assert.Contains("stress.csv: ", r.Stdout);
        Assert.Contains("all numbers identical", r.Stdout);
        Assert.Contains("(cpu: ", r.Stdout); // each run's backend is reported
        Assert.Contains("1 thread", r.Stdout);
        Assert.Contains("2 threads", r.Stdout);
        Assert.Contains("equal within rel-tol 0, abs-tol 0", r.Stdout);
    }

    [Fact]
    public void APerturbedNumberIsFoundAndTheToleranceDecides()
    {
        string copy = _runs.Copy("perturbed");
        string margin = Path.Combine(copy, "margin.csv");
        var lines = File.ReadAllLines(margin);
        var cells = lines[7].Split(',');
        double es = double.Parse(cells[3], CultureInfo.InvariantCulture);
        cells[3] = (es * (1 + 1e-7)).ToString("R", CultureInfo.InvariantCulture);
        lines[7] = string.Join(',', cells);
        File.WriteAllText(margin, string.Join('\n', lines) + "\n");

        var strict = CliRunner.Run("compare", _runs.One, copy, "--rel-tol", "1e-9");
        Assert.Equal(ExitCodes.Different, strict.ExitCode);
        Assert.Contains($"margin.csv:8 {cells[0]} es:", strict.Stdout);
        Assert.Contains("1 difference beyond tolerance", strict.Stdout);
        Assert.Contains("DIFFERENT beyond rel-tol 1E-09", strict.Stdout);

        var loose = CliRunner.Run("compare", _runs.One, copy, "--rel-tol", "1e-6");
        Assert.Equal(ExitCodes.Success, loose.ExitCode);
        var absolute = CliRunner.Run("compare", _runs.One, copy, "--rel-tol", "0", "--abs-tol", (Math.Abs(es) * 2e-7).ToString("R", CultureInfo.InvariantCulture));
        Assert.Equal(ExitCodes.Success, absolute.ExitCode);
    }

    [Fact]
    public void TextRowsAndColumnsMustMatch()
    {
        string status = _runs.Copy("status");
        string attribution = Path.Combine(status, "attribution.csv");
        File.WriteAllText(attribution, File.ReadAllText(attribution).Replace("BTC-PERPETUAL", "ETH-PERPETUAL"));
        var r = CliRunner.Run("compare", _runs.One, status);
        Assert.Equal(ExitCodes.Different, r.ExitCode);
        Assert.Contains("instrument_id: 'BTC-PERPETUAL' vs 'ETH-PERPETUAL'", r.Stdout);

        string shorter = _runs.Copy("shorter");
        string margin = Path.Combine(shorter, "margin.csv");
        var lines = File.ReadAllLines(margin);
        File.WriteAllLines(margin, lines[..^1].Select(l => l + ",x").Select((l, i) => i == 0 ? lines[0] + ",extra" : l));
        var s = CliRunner.Run("compare", _runs.One, shorter);
        Assert.Equal(ExitCodes.Different, s.ExitCode);
        Assert.Contains("column 'extra' only in the second run", s.Stdout);
        Assert.Contains("number of rows: '305' vs '304'", s.Stdout);
    }

    [Fact]
    public void MissingFileIsAnInputError()
    {
        string copy = _runs.Copy("missing");
        File.Delete(Path.Combine(copy, "attribution.csv"));
        var r = CliRunner.Run("compare", _runs.One, copy);
        Assert.Equal(ExitCodes.InputError, r.ExitCode);
        Assert.Contains("attribution.csv: file not found", r.Stderr);
        string noStress = _runs.Copy("nostress");
        File.Delete(Path.Combine(noStress, "stress.csv"));
        var half = CliRunner.Run("compare", _runs.One, noStress);
        Assert.Equal(ExitCodes.InputError, half.ExitCode);
        Assert.Contains("stress.csv: file not found", half.Stderr);
        var none = CliRunner.Run("compare", _runs.One, Path.Combine(copy, "nope"));
        Assert.Equal(ExitCodes.InputError, none.ExitCode);
        Assert.Contains("output folder not found", none.Stderr);
    }

    [Theory]
    [InlineData("--rel-tol", "-1")]
    [InlineData("--abs-tol", "abc")]
    public void BadToleranceIsAUsageError(string option, string value) =>
        InputErrorAssert.UsageError(CliRunner.Run("compare", _runs.One, _runs.Two, option, value), $"{option}: expected a non-negative number", $"got '{value}'");

    [Fact]
    public void IdentifiersThatLookLikeNumbersAreComparedAsText()
    {
        // Account ids 10000000001 and 10000000002 differ by 1e-10 relative: as numbers they would be "equal within 1e-9".
        string a = _runs.Copy("ids-a"), b = _runs.Copy("ids-b");
        foreach (var (dir, id) in new[] { (a, "10000000001"), (b, "10000000002") })
            foreach (var file in new[] { "margin.csv", "attribution.csv", "stress.csv" })
            {
                string path = Path.Combine(dir, file);
                File.WriteAllText(path, File.ReadAllText(path).Replace("naked-put-001,", id + ","));
            }
        var r = CliRunner.Run("compare", a, b, "--rel-tol", "1e-9");
        Assert.Equal(ExitCodes.Different, r.ExitCode);
        Assert.Contains("account_id: '10000000001' vs '10000000002'", r.Stdout);
    }
}
