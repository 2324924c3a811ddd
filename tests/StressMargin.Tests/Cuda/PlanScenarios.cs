using System.Globalization;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Cuda;

/// <summary>Small scenarios on the sample market for the kernel tests: every instrument kind (spot, perpetual,
/// future, live and expiring options) on both underlyings, cash, and an account holding only cash.</summary>
internal static class PlanScenarios
{
    public const string Book = """
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

    public static string Write(TempDir dir, string distribution, int steps, string volDynamics, double rate, int paths = 1000) =>
        EngineScenarios.OnSampleMarket(dir, Book, paths, distribution, volDynamics, discountRate: rate)
            .Also(p => File.WriteAllText(p, File.ReadAllText(p).Replace("horizon_days: 2", $"horizon_days: 2\n  steps: {steps.ToString(CultureInfo.InvariantCulture)}")));

    private static string Also(this string value, Action<string> action)
    {
        action(value);
        return value;
    }
}
