using System.Globalization;

namespace StressMargin.Tests.Support;

/// <summary>
/// Writes small scenarios for engine tests: either on the real Deribit market of the sample (absolute paths to
/// scenarios/deribit-20260205/market) or on a synthetic linear market of two underlyings X and Y.
/// </summary>
internal static class EngineScenarios
{
    public const string SampleRiskFactors = """
        risk_factors:
          BTC: { spot_vol: atm, vol_of_vol: 1.0 }
          ETH: { spot_vol: 0.75, vol_of_vol: 1.2 }
        correlation:
          factors: [BTC.spot, ETH.spot, BTC.vol, ETH.vol]
          matrix: [[1, 0.9, -0.3, -0.25], [0.9, 1, -0.25, -0.3], [-0.3, -0.25, 1, 0.8], [-0.25, -0.3, 0.8, 1]]
        """;

    /// <summary>
    /// A book on the sample market with every instrument kind (spot, perpetual, future, live options, options expiring
    /// inside the 2-day horizon) on both underlyings, cash, and an account holding only cash.
    /// </summary>
    public const string AllKindsBook = """
        account_id,instrument_id,quantity
        A,BTC-PERPETUAL,1
        A,BTC-27MAR26,-2
        A,BTC,0.5
        A,BTC-6FEB26-70000-C,3
        A,BTC-6FEB26-74000-P,-3
        A,BTC-27MAR26-60000-P,-1
        A,BTC-27MAR26-90000-C,1
        A,BTC-25DEC26-100000-C,1
        B,ETH-26JUN26-1500-P,-10
        B,ETH-13FEB26-2200-C,4
        B,ETH-PERPETUAL,-5
        B,USD,1000
        C,USD,250
        D,BTC-27MAR26-60000-P,-1
        D,ETH-PERPETUAL,2
        """;

    /// <summary>A scenario on the sample's real market with the given positions.</summary>
    public static string OnSampleMarket(TempDir dir, string positionsCsv, int paths, string distribution = "{ type: student_t, degrees_of_freedom: 4 }",
        string volDynamics = "sticky_strike", ulong seed = 11, string riskFactors = SampleRiskFactors, double discountRate = 0.0,
        string margin = "{ es_confidence: 0.99, var_confidence: 0.99, mm_ratio: 0.8 }")
    {
        dir.Write("positions.csv", positionsCsv);
        string m = RepoPaths.SampleMarket.Replace('\\', '/');
        return dir.Write("scenario.yaml", $"""
            as_of: 2026-02-05T09:36:47Z
            inputs: {"{"} instruments: {m}/instruments.csv, positions: positions.csv, spots: {m}/spots.csv, forwards: {m}/forwards.csv, vol_surface: {m}/vol_surface.csv {"}"}
            simulation:
              paths: {paths}
              seed: {seed}
              horizon_days: 2
              distribution: {distribution}
              vol_dynamics: {volDynamics}
              discount_rate: {discountRate.ToString(CultureInfo.InvariantCulture)}
            {riskFactors}
            margin: {margin}
            output: {"{"} dir: out {"}"}
            """);
    }

    /// <summary>
    /// A scenario on two linear underlyings X and Y (spot 1 each, perpetuals X-PERP and Y-PERP, cash USD), with the
    /// given spot vols, their correlation and the ES confidence.
    /// </summary>
    public static string Linear(TempDir dir, string positionsCsv, int paths, double volX, double volY, double rho,
        string distribution, double confidence, ulong seed = 5, double horizonDays = 2)
    {
        dir.Write("instruments.csv", """
            instrument_id,kind,underlying,expiry,strike,option_type,multiplier
            USD,cash,USD,,,,1
            X-PERP,perpetual,X,,,,1
            Y-PERP,perpetual,Y,,,,1
            """);
        dir.Write("spots.csv", "underlying,spot\nX,1\nY,1\n");
        dir.Write("positions.csv", positionsCsv);
        string c = confidence.ToString(CultureInfo.InvariantCulture);
        string I(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        return dir.Write("scenario.yaml", $"""
            as_of: 2026-01-01T00:00:00Z
            inputs: {"{"} instruments: instruments.csv, positions: positions.csv, spots: spots.csv {"}"}
            simulation: {"{"} paths: {paths}, seed: {seed}, horizon_days: {I(horizonDays)}, distribution: {distribution} {"}"}
            risk_factors:
              X: {"{"} spot_vol: {I(volX)}, vol_of_vol: 0.5 {"}"}
              Y: {"{"} spot_vol: {I(volY)}, vol_of_vol: 0.5 {"}"}
            correlation:
              factors: [X.spot, Y.spot, X.vol]
              matrix: [[1, {I(rho)}, 0.3], [{I(rho)}, 1, 0.1], [0.3, 0.1, 1]]
            margin: {"{"} es_confidence: {c}, var_confidence: {c}, mm_ratio: 0.8 {"}"}
            """);
    }
}
