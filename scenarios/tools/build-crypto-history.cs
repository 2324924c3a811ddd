#:property PublishAot=false
#:property GenerateDocumentationFile=false
// Builds scenarios/history/crypto_daily_closes.csv (date,BTC,ETH,SOL) from the Yahoo Finance daily files of the
// shared data folder (budydeveloper/crypto-dataset, commit 7791d624; see scenarios/history/README.md). Each column is
// the file's `Close` copied as text, unchanged; a coin's cells are empty before its first row. Run from the
// repository root:
//   dotnet run scenarios/tools/build-crypto-history.cs -- ../shared/data/real/prices
using System.Globalization;

string source = args.Length > 0 ? args[0] : "../shared/data/real/prices";
(string Coin, string File)[] coins = [("BTC", "BTC-USD_1d_yahoo.csv"), ("ETH", "ETH-USD_1d_yahoo.csv"), ("SOL", "SOL-USD_1d_yahoo.csv")];
var closes = new SortedDictionary<DateOnly, string?[]>();
for (int c = 0; c < coins.Length; c++)
{
    var lines = File.ReadAllLines(Path.Combine(source, coins[c].File));
    var header = lines[0].Split(',');
    int date = Array.IndexOf(header, "Date"), close = Array.IndexOf(header, "Close");
    foreach (var line in lines.Skip(1))
    {
        var f = line.Split(',');
        var d = DateOnly.ParseExact(f[date][..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!closes.TryGetValue(d, out var row)) closes[d] = row = new string?[coins.Length];
        row[c] = f[close];
    }
}
// Every calendar day from the first to the last must be present (the engine's daily calendar rejects gaps).
var days = closes.Keys.ToArray();
for (int i = 1; i < days.Length; i++)
    if (days[i].DayNumber - days[i - 1].DayNumber != 1) throw new InvalidOperationException($"gap after {days[i - 1]}");
using var w = new StreamWriter("scenarios/history/crypto_daily_closes.csv") { NewLine = "\n" };
w.WriteLine("date," + string.Join(",", coins.Select(c => c.Coin)));
foreach (var (d, row) in closes) w.WriteLine(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "," + string.Join(",", row.Select(v => v ?? "")));
Console.WriteLine($"wrote scenarios/history/crypto_daily_closes.csv: {closes.Count} days, {days[0]:yyyy-MM-dd} … {days[^1]:yyyy-MM-dd}");
