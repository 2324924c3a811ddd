#:property PublishAot=false
#:property GenerateDocumentationFile=false
// Builds scenarios/stress/basis-replay-20260205.yaml: the largest 2-day moves of the Deribit futures basis before the
// sample's as_of, as replays. From the shared data (znmahbub/SVCJ-Deribit-Inverse-Options-Pricer, commit 88360a38):
// perpetual_futures_prices.csv (perp_futures_mark_price per snapshot and coin) and term_futures_marks.csv
// (term_mark_price_final per snapshot and dated future). Log-basis b = ln(F / perpetual) per snapshot (the perpetual
// stands in for the index, which these files do not carry); a window is a pair of snapshots 45–54 hours apart ending
// at or before as_of; its score is the largest |Δb| over both coins' futures with at least 3 days to expiry. The
// WINDOWS best windows with distinct start days become scenarios with, per coin, the perpetual's return as spot_move
// and Δb by days to expiry (at the window's start) as the basis shift. Run from the repository root:
//   dotnet run scenarios/tools/build-basis-replay.cs -- ../shared/data/real/deribit 2026-02-05T09:36:47Z 3
using System.Globalization;

string source = args.Length > 0 ? args[0] : "../shared/data/real/deribit";
var asOf = DateTimeOffset.Parse(args.Length > 1 ? args[1] : "2026-02-05T09:36:47Z", CultureInfo.InvariantCulture);
int windows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var ci = CultureInfo.InvariantCulture;

static (string[] Header, List<string[]> Rows) Csv(string path)
{
    var lines = File.ReadAllLines(path);
    return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToList());
}

var (ph, prows) = Csv(Path.Combine(source, "perpetual_futures_prices.csv"));
int pFile = Array.IndexOf(ph, "snapshot_file"), pTime = Array.IndexOf(ph, "obs_datetime"), pCoin = Array.IndexOf(ph, "coin"), pMark = Array.IndexOf(ph, "perp_futures_mark_price");
var perp = new Dictionary<(string File, string Coin), (DateTimeOffset Time, double Price)>();
foreach (var r in prows.Where(r => r[pMark].Length > 0))
    perp[(r[pFile], r[pCoin])] = (DateTimeOffset.Parse(r[pTime], ci), double.Parse(r[pMark], ci));

var (th, trows) = Csv(Path.Combine(source, "term_futures_marks.csv"));
int tFile = Array.IndexOf(th, "snapshot_file"), tCoin = Array.IndexOf(th, "currency"), tName = Array.IndexOf(th, "futures_instrument_name"), tMark = Array.IndexOf(th, "term_mark_price_final");
var futures = new Dictionary<(string File, string Coin), Dictionary<string, double>>();
foreach (var r in trows.Where(r => r[tMark].Length > 0 && perp.ContainsKey((r[tFile], r[tCoin]))))
{
    if (!futures.TryGetValue((r[tFile], r[tCoin]), out var map)) futures[(r[tFile], r[tCoin])] = map = [];
    map[r[tName]] = double.Parse(r[tMark], ci);
}

static DateTimeOffset Expiry(string future) =>
    DateTimeOffset.ParseExact(future.Split('-')[1], ["dMMMyy", "ddMMMyy"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).AddHours(8);

string[] coins = ["BTC", "ETH"];
var files = perp.Keys.Select(k => k.File).Distinct().Where(f => coins.All(c => futures.ContainsKey((f, c))))
    .OrderBy(f => perp[(f, "BTC")].Time).ToArray();

// Δb per coin and future between two snapshots, with the days to expiry at the start.
List<(double Days, double Change)> Changes(string from, string to, string coin)
{
    var start = perp[(from, coin)];
    var end = perp[(to, coin)];
    var list = new List<(double, double)>();
    foreach (var (name, f0) in futures[(from, coin)])
    {
        if (!futures[(to, coin)].TryGetValue(name, out double f1)) continue;
        double days = (Expiry(name) - start.Time).TotalDays;
        if (days < 3) continue;
        list.Add((days, Math.Log(f1 / end.Price) - Math.Log(f0 / start.Price)));
    }
    return list.OrderBy(x => x.Item1).ToList();
}

var candidates = new List<(string From, string To, double Score)>();
for (int i = 0; i < files.Length; i++)
    for (int j = i + 1; j < files.Length; j++)
    {
        double hours = (perp[(files[j], "BTC")].Time - perp[(files[i], "BTC")].Time).TotalHours;
        if (hours < 45) continue;
        if (hours > 54 || perp[(files[j], "BTC")].Time > asOf) break;
        double score = coins.SelectMany(c => Changes(files[i], files[j], c)).Select(x => Math.Abs(x.Change)).DefaultIfEmpty(0).Max();
        candidates.Add((files[i], files[j], score));
        break;
    }

var chosen = new List<(string From, string To, double Score)>();
foreach (var c in candidates.OrderByDescending(c => c.Score))
{
    var day = perp[(c.From, "BTC")].Time.UtcDateTime.Date;
    if (chosen.Any(x => perp[(x.From, "BTC")].Time.UtcDateTime.Date == day)) continue;
    chosen.Add(c);
    if (chosen.Count == windows) break;
}

string F(double v) => v.ToString("0.######", ci);
var w = new StringWriter(ci) { NewLine = "\n" };
w.WriteLine($"# The {windows} largest 2-day moves of the Deribit futures basis before {asOf.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}, as replays: per coin the");
w.WriteLine("# perpetual's return over the window (spot_move) and the change of the log-basis ln(F / perpetual) of every dated");
w.WriteLine("# future with at least 3 days to expiry, by days to expiry at the window's start (basis; docs/formats.md §9).");
w.WriteLine("# Data: znmahbub/SVCJ-Deribit-Inverse-Options-Pricer, data/perpetual_futures_prices.csv and data/term_futures_marks.csv");
w.WriteLine("# (commit 88360a38a29abe5eddabc2c1355c533ddf5cda09; ../shared/data/real/deribit). Built by");
w.WriteLine("#   dotnet run scenarios/tools/build-basis-replay.cs -- ../shared/data/real/deribit " + asOf.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", ci) + " " + windows);
w.WriteLine("description: Largest 2-day Deribit basis moves before the sample's as_of, replayed (spot and basis by tenor)");
w.WriteLine("scenarios:");
foreach (var (from, to, score) in chosen)
{
    var t0 = perp[(from, "BTC")].Time.UtcDateTime;
    var t1 = perp[(to, "BTC")].Time.UtcDateTime;
    w.WriteLine($"  - name: basis-replay/{t0:yyyy-MM-ddTHH:mm}Z+2d   # to {t1:yyyy-MM-ddTHH:mm}Z; largest |Δb| {F(score)}");
    w.WriteLine("    moves:");
    foreach (var coin in coins)
    {
        var ch = Changes(from, to, coin);
        double spot = perp[(to, coin)].Price / perp[(from, coin)].Price - 1;
        w.WriteLine($"      {coin}: {{ spot_move: {F(spot)}, basis: {{ days: [{string.Join(", ", ch.Select(x => x.Days.ToString("0.##", ci)))}], log_change: [{string.Join(", ", ch.Select(x => F(x.Change)))}] }} }}");
    }
}
File.WriteAllText("scenarios/stress/basis-replay-20260205.yaml", w.ToString());
Console.WriteLine($"{candidates.Count} windows, wrote {chosen.Count} scenarios to scenarios/stress/basis-replay-20260205.yaml");
