using StressMargin.Core.Stress;
using StressMargin.IO.Stress;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Stress;

public class GeneratorTests
{
    [Fact]
    public void DeribitGridHas27ScenariosOnEvenlySpacedMovesAndTheExtendedTableIsDampened()
    {
        var scenarios = StressFileReader.Read(RepoPaths.Combine("scenarios", "stress", "deribit-btc-pm.yaml"));
        var grid = scenarios.Where(s => s.Name.StartsWith("deribit-pm/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(27, grid.Length);
        double[] expected = [-0.16, -0.12, -0.08, -0.04, 0, 0.04, 0.08, 0.12, 0.16];
        Assert.Equal(expected.SelectMany(m => new[] { m, m, m }), grid.Select(s => s.MoveOf("BTC").SpotMove), new Tolerance(1e-15));
        Assert.Equal("deribit-pm/spot-16%/vol-up", grid[0].Name);
        Assert.Equal("deribit-pm/spot0%/vol-none", grid[13].Name);
        Assert.Equal("deribit-pm/spot+16%/vol-down", grid[26].Name);
        Assert.All(grid, s => Assert.Equal(1.0, s.Weight));
        var up = grid[0].MoveOf("ETH").VolShift!;
        Assert.Equal((0.5, 0.5, 0.3, 0.13, 30.0), (up.Shift, up.MinVol!.Value, up.Term!.ShortPower, up.Term.LongPower, up.Term.ReferenceDays));
        Assert.Null(grid[1].MoveOf("BTC").VolShift);
        Assert.Equal(-0.25, grid[2].MoveOf("BTC").VolShift!.Shift);

        var extended = scenarios.Where(s => s.Name.StartsWith("deribit-pm-extended/", StringComparison.Ordinal)).ToArray();
        Assert.Equal([-0.66, -0.33, 0.5, 1, 2, 3, 4, 5], extended.Select(s => s.MoveOf("BTC").SpotMove));
        Assert.Equal([0.21, 0.42, 0.2772, 0.1386, 0.0693, 0.0462, 0.03465, 0.02772], extended.Select(s => s.Weight));
        Assert.All(extended, s => Assert.Equal(0.5, s.MoveOf("BTC").VolShift!.Shift));
    }

    [Fact]
    public void SpanTableHasTheSixteenStandardScenarios()
    {
        var span = new SpanScenarios("span", 0.15, 0.3, 3, 0.35, ["*"]).Expand();
        Assert.Equal(16, span.Count);
        double[] price = [0, 0, 1 / 3.0, 1 / 3.0, -1 / 3.0, -1 / 3.0, 2 / 3.0, 2 / 3.0, -2 / 3.0, -2 / 3.0, 1, 1, -1, -1, 3, -3];
        double[] vol = [1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 0, 0];
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal($"span/{i + 1:D2}", span[i].Name);
            Assert.Equal(price[i] * 0.15, span[i].MoveOf("X").SpotMove, 15);
            Assert.Equal(vol[i] * 0.3, span[i].MoveOf("X").VolShift?.Shift ?? 0, 15);
            Assert.Equal(i < 14 ? 1.0 : 0.35, span[i].Weight);
        }
    }

    [Fact]
    public void GridWithOnePointAndOnlySomeUnderlyings()
    {
        var g = new StressGrid("g", -0.1, -0.1, 1, [GridVol.None], null, null, ["BTC"]);
        var s = Assert.Single(g.Expand());
        Assert.Equal(-0.1, s.MoveOf("BTC").SpotMove);
        Assert.Equal(0.0, s.MoveOf("ETH").SpotMove); // not named, not moved
        Assert.Equal("g/spot-10%/vol-none", s.Name);
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;
        public int GetHashCode(double obj) => 0;
    }
}
