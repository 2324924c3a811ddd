using System.Globalization;

namespace StressMargin.Core.Stress;

/// <summary>Vol leg of a grid point.</summary>
public enum GridVol
{
    /// <summary>Vols shocked up.</summary>
    Up,
    /// <summary>Vols unchanged.</summary>
    None,
    /// <summary>Vols shocked down.</summary>
    Down,
}

/// <summary>
/// A scenario grid, so that a quant writes <c>grid: { spot: [-0.16, 0.16, 9], vol: [up, none, down] }</c> instead of
/// 27 scenarios: every evenly spaced spot move from <see cref="SpotFrom"/> to <see cref="SpotTo"/>
/// (<see cref="SpotCount"/> points, both ends included) combined with every vol leg. Deribit's standard
/// portfolio-margin table is this grid with ±16 %, 9 points, vol up 50 % / down 25 % term-scaled
/// (docs in scenarios/stress/deribit-btc-pm.yaml).
/// </summary>
/// <param name="Name">Name prefix of the generated scenarios.</param>
/// <param name="SpotFrom">First relative spot move, e.g. −0.16.</param>
/// <param name="SpotTo">Last relative spot move, e.g. +0.16.</param>
/// <param name="SpotCount">Number of spot points ≥ 1 (1 means just <see cref="SpotFrom"/>).</param>
/// <param name="Vols">Vol legs, in order.</param>
/// <param name="VolUp">The shock of the <c>up</c> leg.</param>
/// <param name="VolDown">The shock of the <c>down</c> leg (a negative shift).</param>
/// <param name="Underlyings">Underlyings the moves apply to; <c>*</c> for all.</param>
/// <param name="Weight">Weight of every generated scenario.</param>
public sealed record StressGrid(
    string Name,
    double SpotFrom,
    double SpotTo,
    int SpotCount,
    IReadOnlyList<GridVol> Vols,
    VolShock? VolUp,
    VolShock? VolDown,
    IReadOnlyList<string> Underlyings,
    double Weight = 1)
{
    /// <summary>The spot moves of the grid, evenly spaced, both ends included.</summary>
    /// <returns>Relative moves in increasing order of index.</returns>
    public IReadOnlyList<double> SpotMoves() =>
        SpotCount == 1 ? [SpotFrom] : Enumerable.Range(0, SpotCount).Select(i => SpotFrom + (SpotTo - SpotFrom) * i / (SpotCount - 1)).ToArray();

    /// <summary>Generates the scenarios: spot points × vol legs, named <c>{Name}/spot{±x%}/vol-{leg}</c>.</summary>
    /// <param name="source">Where the grid was defined.</param>
    /// <returns>SpotCount × Vols.Count scenarios, spot-major.</returns>
    /// <exception cref="InputException">A vol leg whose shock is not defined.</exception>
    public IReadOnlyList<StressScenario> Expand(SourceLocation? source = null)
    {
        var list = new List<StressScenario>();
        foreach (double spot in SpotMoves())
            foreach (var leg in Vols)
            {
                var shock = leg switch
                {
                    GridVol.Up => VolUp ?? throw new InputException(source, $"grid '{Name}' lists vol 'up' but defines no vol_up shock"),
                    GridVol.Down => VolDown ?? throw new InputException(source, $"grid '{Name}' lists vol 'down' but defines no vol_down shock"),
                    _ => null,
                };
                var move = new StressMove(spot, shock);
                string name = $"{Name}/spot{FormatPercent(spot)}/vol-{leg.ToString().ToLowerInvariant()}";
                list.Add(new StressScenario(name, Weight, Underlyings.ToDictionary(u => u, _ => move, StringComparer.Ordinal), null, source));
            }
        return list;
    }

    /// <summary>A relative move as a signed percentage, e.g. <c>-16%</c>, <c>+4%</c>, <c>0%</c>, <c>+2.5%</c>.</summary>
    /// <param name="move">Relative move.</param>
    /// <returns>Text.</returns>
    public static string FormatPercent(double move)
    {
        double pct = Math.Round(move * 100, 6);
        string text = pct.ToString("0.######", CultureInfo.InvariantCulture);
        return (pct > 0 ? "+" : "") + text + "%";
    }
}
