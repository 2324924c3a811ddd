#:property PublishAot=false
#:property GenerateDocumentationFile=false
// Builds scenarios/history/deribit_log_basis_daily.csv: one morning snapshot a day (the first between 08:30 and 10:30
// UTC) up to and including as_of, and per coin and dated future with at least 3 days to expiry its log-basis
// ln(F / perpetual) (the perpetual stands in for the index, which these files do not carry). From the shared data
// (znmahbub/SVCJ-Deribit-Inverse-Options-Pricer, commit 88360a38): perpetual_futures_prices.csv
// (perp_futures_mark_price) and term_futures_marks.csv (term_mark_price_final). Run from the repository root:
//   dotnet run scenarios/tools/build-basis-history.cs -- ../shared/data/real/deribit 2026-02-05T09:36:47Z
using System.Globalization;

string source = args.Length > 0 ? args[0] : "../shared/data/real/deribit";
var asOf = DateTimeOffset.Parse(args.Length > 1 ? args[1] : "2026-02-05T09:36:47Z", CultureInfo.InvariantCulture);
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

static DateTimeOffset Expiry(string future) =>
    DateTimeOffset.ParseExact(future.Split('-')[1], ["dMMMyy", "ddMMMyy"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).AddHours(8);

// The morning snapshot of each day.
var morning = perp.Where(kv => kv.Key.Coin == "BTC" && kv.Value.Time <= asOf && kv.Value.Time.UtcDateTime.TimeOfDay >= TimeSpan.FromHours(8.5) && kv.Value.Time.UtcDateTime.TimeOfDay < TimeSpan.FromHours(10.5))
    .GroupBy(kv => kv.Value.Time.UtcDateTime.Date).Select(g => g.OrderBy(kv => kv.Value.Time).First().Key.File).ToHashSet();

var rows = new List<(DateTimeOffset Time, string Coin, string Future, DateTimeOffset Expiry, double Days, double Perp, double Mark)>();
foreach (var r in trows.Where(r => r[tMark].Length > 0 && morning.Contains(r[tFile]) && perp.ContainsKey((r[tFile], r[tCoin]))))
{
    var (time, p) = perp[(r[tFile], r[tCoin])];
    var expiry = Expiry(r[tName]);
    double days = (expiry - time).TotalDays;
    if (days < 3) continue;
    rows.Add((time, r[tCoin], r[tName], expiry, days, p, double.Parse(r[tMark], ci)));
}

string output = Path.Combine("scenarios", "history", "deribit_log_basis_daily.csv");
using var w = new StreamWriter(output) { NewLine = "\n" };
w.WriteLine("snapshot_utc,underlying,future,expiry,days_to_expiry,perpetual,future_mark,log_basis");
foreach (var r in rows.OrderBy(r => r.Time).ThenBy(r => r.Coin, StringComparer.Ordinal).ThenBy(r => r.Expiry))
    w.WriteLine(string.Join(',', r.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", ci), r.Coin, r.Future, r.Expiry.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", ci),
        r.Days.ToString("0.####", ci), r.Perp.ToString("R", ci), r.Mark.ToString("R", ci), Math.Log(r.Mark / r.Perp).ToString("R", ci)));
Console.WriteLine($"{rows.Count} rows on {rows.Select(r => r.Time).Distinct().Count()} days to {output}");
