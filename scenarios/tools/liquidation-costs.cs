#:property PublishAot=false
#:property GenerateDocumentationFile=false
#:project ../../src/StressMargin.Engine/StressMargin.Engine.csproj
// Prints the sample's largest positions by stand-alone liquidation cost (spread + market impact of the position
// alone, docs/model.md §9.2 and §9.2.1), each with its account's netted market impact, as in scenarios/README.md. Run from
// the repository root:
//   dotnet run scenarios/tools/liquidation-costs.cs -- [SCENARIO.yaml] [N]
using System.Globalization;
using StressMargin.Core.Portfolio;
using StressMargin.Engine;

string path = args.Length > 0 ? args[0] : "scenarios/deribit-20260205.yaml";
int n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var input = ScenarioLoader.Load(path, new RunOverrides(Paths: 1000));
var calculator = input.AddOnCalculator();
var netted = input.Book.Accounts.ToDictionary(a => a.Id, a => calculator.Compute(a));
var rows = input.Book.Positions.Where(p => p.Instrument.IsRisky)
    .Select(p => (Position: p, Alone: calculator.Compute(new Account(p.AccountId, [p]))))
    .OrderByDescending(x => x.Alone.Liquidity + x.Alone.MarketImpact).Take(n);
string Usd(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);
Console.WriteLine("| Account | Position | Notional (USD) | Spread (USD) | Impact alone (USD) | Cost / notional | Depth | Account impact, netted (USD) |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---|---:|");
foreach (var (p, alone) in rows)
{
    double notional = Math.Abs(p.Weight) * input.Market.Curve(p.Instrument.Underlying).Spot;
    string depth = alone.DepthFallbacks > 0 ? "none (fallback)" : input.Depth[p.Instrument.Id].Volume24h is > 0 ? "24h volume" : "open interest";
    Console.WriteLine(FormattableString.Invariant(
        $"| {p.AccountId} | {p.Quantity:0.##} {p.Instrument.Id} | {Usd(notional)} | {Usd(alone.Liquidity)} | {Usd(alone.MarketImpact)} | {(alone.Liquidity + alone.MarketImpact) / notional:P2} | {depth} | {Usd(netted[p.AccountId].MarketImpact)} |"));
}
