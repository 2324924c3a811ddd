namespace StressMargin.Core.Stress.Reverse;

/// <summary>
/// An account's distance to liquidation and to default: the smallest adverse spot move of one held underlying that
/// takes its equity below maintenance margin, resp. below zero (docs/model.md §9.4). Moves are relative (−0.25 = a
/// 25 % fall, +0.4 = a 40 % rise); NaN when no move within the searched range does it.
/// </summary>
/// <param name="LiquidationSpotMove">Smallest move with equity &lt; MM; 0 when the account is in liquidation already.</param>
/// <param name="LiquidationScenario">The path that gives it (<c>BTC/model-vol</c>, <c>BTC/vol-up</c>), <c>current</c> when
/// equity is below MM already, null when none.</param>
/// <param name="DefaultSpotMove">Smallest move with equity &lt; 0; 0 when equity is negative already.</param>
/// <param name="DefaultScenario">As <paramref name="LiquidationScenario"/>, for default.</param>
public sealed record DistanceToLiquidation(double LiquidationSpotMove, string? LiquidationScenario, double DefaultSpotMove, string? DefaultScenario)
{
    /// <summary>The scenario name of an account that is below the threshold without any move.</summary>
    public const string Current = "current";

    /// <summary>No move within the range reaches either threshold.</summary>
    public static DistanceToLiquidation None { get; } = new(double.NaN, null, double.NaN, null);
}

/// <summary>How an underlying's implied vols move along a reverse-stress path.</summary>
public enum ReverseStressVol
{
    /// <summary>The model's conditional mean E[y | x] (<see cref="VolResponse"/>), applied as in the simulation.</summary>
    Model,
    /// <summary>The Deribit grid's vol-up leg (<see cref="ReverseStressSettings.VolUpShock"/>) at every spot move.</summary>
    VolUp,
}

/// <summary>One searched path: one underlying, one vol response, one direction.</summary>
/// <param name="Underlying">The underlying whose spot moves (the others stay put).</param>
/// <param name="Vol">The vol response.</param>
/// <param name="Direction">−1 for falls, +1 for rises.</param>
/// <param name="LiquidationSpotMove">First move along the path with equity &lt; MM (NaN when none).</param>
/// <param name="DefaultSpotMove">First move along the path with equity &lt; 0 (NaN when none).</param>
public sealed record ReverseStressPath(string Underlying, ReverseStressVol Vol, int Direction, double LiquidationSpotMove, double DefaultSpotMove)
{
    /// <summary>The path's name in <c>margin.csv</c>: <c>{underlying}/model-vol</c> or <c>{underlying}/vol-up</c>
    /// (the direction is the move's sign).</summary>
    public string Scenario => $"{Underlying}/{(Vol == ReverseStressVol.Model ? "model-vol" : "vol-up")}";
}
