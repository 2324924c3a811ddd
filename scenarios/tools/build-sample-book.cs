#:property PublishAot=false
#:property GenerateDocumentationFile=false
#:project ../../src/StressMargin.Engine/StressMargin.Engine.csproj
// Builds scenarios/deribit-20260205/positions.csv: a deterministic book of ~300 accounts of typical Deribit
// strategies, with USD collateral sized against a 20,000-path pre-run of the engine (the sample's full margin policy)
// so that most accounts are well collateralized and some are not. Run from the repository root:
//   dotnet run scenarios/tools/build-sample-book.cs
// See scenarios/README.md for the archetypes and the collateral rule.
using StressMargin.Compute.Cpu;
using StressMargin.Engine;
using StressMargin.Core.Instruments;
using StressMargin.Core.MarketData;
using StressMargin.Core.Portfolio;
using StressMargin.Core.Pricing;
using StressMargin.Core.RiskModel;
using StressMargin.IO;
using StressMargin.IO.Csv;
using StressMargin.IO.Scenario;

var scenario = ScenarioReader.Read("scenarios/deribit-20260205.yaml");
var instruments = InstrumentsCsv.Read(scenario.Inputs.Instruments);
var market = MarketSnapshotBuilder.Build(scenario.AsOf, MarketCsv.ReadSpots(scenario.Inputs.Spots),
    MarketCsv.ReadForwards(scenario.Inputs.Forwards!), MarketCsv.ReadVols(scenario.Inputs.VolSurface!));
var byId = instruments.ToDictionary(i => i.Id);
var rng = new Random(20260205);

// Options that stay alive over the margin period, with their Black-76 delta on today's surface.
var options = instruments.Where(i => i.Kind == InstrumentKind.Option && market.YearsTo(i.ExpiryUtc!.Value) > 7.0 / 365)
    .Select(i =>
    {
        double t = market.YearsTo(i.ExpiryUtc!.Value);
        double f = market.Curve(i.Underlying).Forward(t);
        double vol = market.Surface(i.Underlying)!.ImpliedVol(i.Strike!.Value, t);
        return (Instrument: i, Delta: Black76.Delta(i.Right!.Value, f, i.Strike.Value, t, vol, 1.0), Years: t);
    }).ToArray();
string[] coins = ["BTC", "ETH"];
DateTimeOffset[] Expiries(string coin) => options.Where(o => o.Instrument.Underlying == coin).Select(o => o.Instrument.ExpiryUtc!.Value).Distinct().Order().ToArray();
Instrument ByDelta(string coin, DateTimeOffset expiry, OptionRight right, double delta) =>
    options.Where(o => o.Instrument.Underlying == coin && o.Instrument.ExpiryUtc == expiry && o.Instrument.Right == right)
           .MinBy(o => Math.Abs(o.Delta - delta)).Instrument;
double DeltaOf(Instrument i) => options.First(o => o.Instrument == i).Delta;
Instrument Other(Instrument option) => instruments.First(i => i.Kind == InstrumentKind.Option && i.Underlying == option.Underlying && i.ExpiryUtc == option.ExpiryUtc && i.Strike == option.Strike && i.Right != option.Right);
Instrument[] Futures(string coin) => instruments.Where(i => i.Kind == InstrumentKind.Future && i.Underlying == coin && market.YearsTo(i.ExpiryUtc!.Value) > 7.0 / 365).ToArray();
double Size(string coin, double btcLo, double btcHi) { double q = btcLo + rng.NextDouble() * (btcHi - btcLo); return Math.Round(coin == "BTC" ? q : q * 30, 1); }
string Coin() => rng.NextDouble() < 0.6 ? "BTC" : "ETH";
T Pick<T>(IReadOnlyList<T> list) => list[rng.Next(list.Count)];
DateTimeOffset Expiry(string coin, bool nearOnly = false) { var e = Expiries(coin); return e[rng.Next(nearOnly ? Math.Min(4, e.Length) : e.Length)]; }

var books = new List<(string Account, List<(Instrument I, double Q)> Legs)>();
void Add(string archetype, int count, Func<List<(Instrument, double)>> make)
{
    for (int n = 1; n <= count; n++) books.Add(($"{archetype}-{n:D3}", make()));
}
Add("naked-put", 35, () => { var c = Coin(); var q = Size(c, 1, 20); return [(ByDelta(c, Expiry(c), OptionRight.Put, -(0.08 + 0.25 * rng.NextDouble())), -q)]; });
Add("naked-call", 30, () => { var c = Coin(); var q = Size(c, 1, 15); return [(ByDelta(c, Expiry(c), OptionRight.Call, 0.08 + 0.25 * rng.NextDouble()), -q)]; });
Add("covered-call", 25, () => { var c = Coin(); var q = Size(c, 1, 25); return [(byId[c], q), (ByDelta(c, Expiry(c, true), OptionRight.Call, 0.2 + 0.15 * rng.NextDouble()), -q)]; });
Add("short-straddle", 20, () => { var c = Coin(); var q = Size(c, 1, 10); var call = ByDelta(c, Expiry(c), OptionRight.Call, 0.5); return [(call, -q), (Other(call), -q)]; });
Add("long-straddle", 15, () => { var c = Coin(); var q = Size(c, 1, 10); var call = ByDelta(c, Expiry(c), OptionRight.Call, 0.5); return [(call, q), (Other(call), q)]; });
Add("short-strangle", 15, () => { var c = Coin(); var q = Size(c, 1, 10); var e = Expiry(c); return [(ByDelta(c, e, OptionRight.Put, -0.15), -q), (ByDelta(c, e, OptionRight.Call, 0.15), -q)]; });
Add("vertical-spread", 25, () =>
{
    var c = Coin(); var q = Size(c, 1, 20); var e = Expiry(c);
    return rng.NextDouble() < 0.5
        ? [(ByDelta(c, e, OptionRight.Call, 0.5), q), (ByDelta(c, e, OptionRight.Call, 0.25), -q)]
        : [(ByDelta(c, e, OptionRight.Put, -0.5), q), (ByDelta(c, e, OptionRight.Put, -0.25), -q)];
});
Add("iron-condor", 15, () =>
{
    var c = Coin(); var q = Size(c, 1, 10); var e = Expiry(c);
    return [(ByDelta(c, e, OptionRight.Put, -0.08), q), (ByDelta(c, e, OptionRight.Put, -0.2), -q), (ByDelta(c, e, OptionRight.Call, 0.2), -q), (ByDelta(c, e, OptionRight.Call, 0.08), q)];
});
Add("calendar", 20, () =>
{
    var c = Coin(); var q = Size(c, 1, 10); var e = Expiries(c);
    var nearExpiry = e[rng.Next(3)];
    var farExpiry = Pick(e.Where(x => x > nearExpiry.AddDays(20)).ToArray());
    double forward = market.Curve(c).Forward(market.YearsTo(nearExpiry));
    var calls = options.Where(o => o.Instrument.Underlying == c && o.Instrument.Right == OptionRight.Call).Select(o => o.Instrument).ToArray();
    double strike = calls.Where(i => i.ExpiryUtc == nearExpiry).Select(i => i.Strike!.Value)
        .Intersect(calls.Where(i => i.ExpiryUtc == farExpiry).Select(i => i.Strike!.Value)).MinBy(k => Math.Abs(k - forward));
    return [(calls.First(i => i.ExpiryUtc == nearExpiry && i.Strike == strike), -q), (calls.First(i => i.ExpiryUtc == farExpiry && i.Strike == strike), q)];
});
Add("risk-reversal", 10, () => { var c = Coin(); var q = Size(c, 1, 10); var e = Expiry(c); return [(ByDelta(c, e, OptionRight.Call, 0.25), q), (ByDelta(c, e, OptionRight.Put, -0.25), -q)]; });
Add("delta-hedged", 25, () =>
{
    var c = Coin(); var q = Size(c, 2, 20); var e = Expiry(c); double sign = rng.NextDouble() < 0.7 ? -1 : 1;
    var legs = new List<(Instrument, double)> { (ByDelta(c, e, OptionRight.Put, -0.3), sign * q), (ByDelta(c, e, OptionRight.Call, 0.4), sign * q) };
    double delta = legs.Sum(l => l.Item2 * DeltaOf(l.Item1));
    var hedge = rng.NextDouble() < 0.5 ? byId[$"{c}-PERPETUAL"] : Pick(Futures(c));
    legs.Add((hedge, Math.Round(-delta, 2)));
    return legs;
});
Add("basis-trade", 20, () =>
{
    var c = Coin(); var q = Size(c, 2, 40); var future = Pick(Futures(c));
    return rng.NextDouble() < 0.6 ? [(byId[c], q), (future, -q)] : [(byId[$"{c}-PERPETUAL"], q), (future, -q)];
});
Add("directional", 25, () =>
{
    var c = Coin(); var q = Size(c, 1, 50) * (rng.NextDouble() < 0.55 ? 1 : -1);
    return [(rng.NextDouble() < 0.5 ? byId[$"{c}-PERPETUAL"] : Pick(Futures(c)), q)];
});
Add("collateral-only", 15, () => rng.NextDouble() < 0.7 ? [] : [(byId[Coin()], Size("BTC", 0.5, 10))]);
Add("multi-asset", 10, () =>
{
    var legs = new List<(Instrument, double)>();
    foreach (var c in coins)
    {
        var e = Expiry(c);
        legs.Add((ByDelta(c, e, OptionRight.Put, -0.2), -Size(c, 1, 10)));
        legs.Add((ByDelta(c, e, OptionRight.Call, 0.2), -Size(c, 1, 10)));
        legs.Add((byId[$"{c}-PERPETUAL"], Size(c, -5, 5)));
    }
    return legs;
});

// Merge repeated instruments within an account, write the book without collateral, margin it with the engine itself
// (the full policy of the sample scenario: ES, stress scenarios, add-ons) on 20,000 paths, then size USD collateral.
var usd = byId["USD"];
var positions = books.SelectMany(b => b.Legs.GroupBy(l => l.I).Where(g => g.Sum(l => l.Q) != 0)
    .Select(g => new Position(b.Account, g.Key, Math.Round(g.Sum(l => l.Q), 2)))).ToList();
foreach (var b in books.Where(b => b.Legs.Count == 0)) positions.Add(new Position(b.Account, usd, 0));
var book = new Book(positions);
PositionsCsv.Write(scenario.Inputs.Positions, book.Positions);
var preRun = MarginJob.Run(ScenarioLoader.Load("scenarios/deribit-20260205.yaml", new RunOverrides(Paths: 20_000, Seed: 7)), new CpuBackend());

var final = new List<Position>();
for (int a = 0; a < book.Accounts.Count; a++)
{
    var account = book.Accounts[a];
    var margin = preRun.Accounts[a];
    double im = margin.InitialMargin;
    double u = rng.NextDouble();
    // 80% comfortably covered, 12% short of IM but above MM (margin call), 8% below MM (liquidation).
    double cover = u < 0.80 ? 1.15 + 1.85 * rng.NextDouble() : u < 0.92 ? 0.84 + 0.12 * rng.NextDouble() : 0.25 + 0.45 * rng.NextDouble();
    double cash = im > 0 ? Math.Round((cover * im - margin.Equity) / 100) * 100 : Math.Round(50 + 4_950 * rng.NextDouble()) * 100;
    final.AddRange(account.Positions.Where(p => p.Instrument != usd));
    final.Add(new Position(account.Id, usd, Math.Max(cash, 0)));
}
PositionsCsv.Write(scenario.Inputs.Positions, final);
Console.WriteLine($"wrote {final.Count} positions in {book.Accounts.Count} accounts to {scenario.Inputs.Positions}");
