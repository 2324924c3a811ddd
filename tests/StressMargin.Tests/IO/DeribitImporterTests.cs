using System.Globalization;
using StressMargin.Core.Instruments;
using StressMargin.Core.MarketData;
using StressMargin.Core.Pricing;
using StressMargin.IO;
using StressMargin.IO.Csv;
using StressMargin.IO.Deribit;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.IO;

public class DeribitImporterTests
{
    [Fact]
    public void Black76OnTheImportedFilesReproducesDeribitMarkPrices()
    {
        // reference-values §4: mark[coin] = Black76(F, K, T, IV, r = 0)/F; Deribit's own fit has a median error of
        // 2e-5 to 5e-5 coin and a 95th percentile ≤ 8e-4. The importer's files (median forwards, OTM vols converted to
        // ACT/365 by total variance) must reproduce the marks about as well: median ≤ 1e-4, 95th percentile ≤ 1e-3.
        using var dir = new TempDir();
        var import = DeribitChainImporter.Import(RepoPaths.DeribitSnapshot);
        DeribitChainImporter.Write(import, dir.Path);
        var instruments = InstrumentsCsv.Read(dir.File("instruments.csv")).ToDictionary(i => i.Id);
        var market = MarketSnapshotBuilder.Build(import.AsOf, MarketCsv.ReadSpots(dir.File("spots.csv")), MarketCsv.ReadForwards(dir.File("forwards.csv")), MarketCsv.ReadVols(dir.File("vol_surface.csv")));
        Assert.Equal(new DateTimeOffset(2026, 2, 5, 9, 36, 47, TimeSpan.Zero), market.AsOf);

        var errors = new List<double>();
        foreach (var row in ReadChain(RepoPaths.DeribitSnapshot))
        {
            var ins = instruments[row.Name];
            double t = market.YearsTo(ins.ExpiryUtc!.Value);
            double f = market.Curve(ins.Underlying).Forward(t);
            double vol = market.Surface(ins.Underlying)!.ImpliedVol(ins.Strike!.Value, t);
            double coin = Black76.Price(ins.Right!.Value, f, ins.Strike.Value, t, vol, 1.0) / f;
            errors.Add(Math.Abs(coin - row.Mark));
        }
        errors.Sort();
        Assert.Equal(1652, errors.Count);
        double median = errors[errors.Count / 2], p95 = errors[(int)(0.95 * errors.Count)];
        Assert.True(median <= 1e-4, $"median |error| {median:E2} coin");
        Assert.True(p95 <= 1e-3, $"95th percentile |error| {p95:E2} coin");
    }

    [Fact]
    public void WritesTradableInstrumentsAndOutOfTheMoneyVols()
    {
        var import = DeribitChainImporter.Import(RepoPaths.DeribitSnapshot);
        var ids = import.Instruments.Select(i => i.Id).ToHashSet();
        Assert.Contains("BTC-27MAR26", ids);                          // a dated future
        Assert.DoesNotContain(ids, id => id.StartsWith("SYN.", StringComparison.Ordinal)); // synthetic forwards are not tradable
        Assert.Contains("ETH-PERPETUAL", ids);
        Assert.Contains("USD", ids);
        Assert.Equal(1652, import.Instruments.Count(i => i.Kind == InstrumentKind.Option));
        Assert.Equal(["BTC", "ETH"], import.Spots.Select(s => s.Underlying));

        // BTC 27MAR26 strike 60000 is below the forward: its surface vol is the put's IV (0.5617 in the chain),
        // re-expressed on ACT/365 from the truncated as_of with the total variance kept.
        var chain = ReadChain(RepoPaths.DeribitSnapshot).ToArray();
        var put = chain.Single(r => r.Name == "BTC-27MAR26-60000-P");
        var vol = import.Vols.Single(v => v.Underlying == "BTC" && v.ExpiryUtc == new DateTimeOffset(2026, 3, 27, 8, 0, 0, TimeSpan.Zero) && v.Strike == 60000);
        double tAct365 = YearFraction.Between(import.AsOf, vol.ExpiryUtc);
        Assert.Equal(put.Iv * put.Iv * put.Years, vol.ImpliedVol * vol.ImpliedVol * tAct365, 12);
    }

    [Fact]
    public void KeepsEveryOptionsOpenInterestAndVolumeAsDepth()
    {
        // The chain's open_interest and volume (24 hours, coins) columns, read here independently, come out unchanged.
        using var dir = new TempDir();
        var import = DeribitChainImporter.Import(RepoPaths.DeribitSnapshot);
        DeribitChainImporter.Write(import, dir.Path);
        var ids = import.Instruments.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var depth = DepthCsv.Read([dir.File("depth.csv")], ids);
        var lines = File.ReadAllLines(RepoPaths.DeribitSnapshot);
        var header = lines[0].Split(',');
        int name = Array.IndexOf(header, "instrument_name"), oi = Array.IndexOf(header, "open_interest"), volume = Array.IndexOf(header, "volume");
        Assert.Equal(lines.Length - 1, depth.Count);
        foreach (var f in lines.Skip(1).Select(l => l.Split(',')))
        {
            Assert.Equal(double.Parse(f[oi], CultureInfo.InvariantCulture), depth[f[name]].OpenInterest);
            Assert.Equal(double.Parse(f[volume], CultureInfo.InvariantCulture), depth[f[name]].Volume24h);
        }
        Assert.Equal(364_999.3, depth.Where(d => d.Key.StartsWith("BTC-", StringComparison.Ordinal)).Sum(d => d.Value.OpenInterest!.Value), 6);
    }

    [Fact]
    public void RowsExpiringAtTheSnapshotAreLeftOutSoTheFilesLoad()
    {
        // One row of the real chain re-dated to expire at 08:00Z on the snapshot's own day, before its 09:36:47Z as_of.
        using var dir = new TempDir();
        var lines = File.ReadAllLines(RepoPaths.DeribitSnapshot);
        int expiry = Array.IndexOf(lines[0].Split(','), "expiry_datetime");
        var cells = lines[1].Split(',');
        string name = cells[1];
        cells[expiry] = "2026-02-05T08:00:00+00:00";
        lines[1] = string.Join(",", cells);
        string chain = dir.Write("chain.csv", string.Join("\n", lines) + "\n");
        var import = DeribitChainImporter.Import(chain);
        Assert.Equal(1, import.ExpiredRows);
        Assert.Equal(1651, import.OptionRows);
        Assert.DoesNotContain(import.Instruments, i => i.Id == name);
        DeribitChainImporter.Write(import, dir.File("market"));
        var market = MarketSnapshotBuilder.Build(import.AsOf, MarketCsv.ReadSpots(dir.File("market/spots.csv")),
            MarketCsv.ReadForwards(dir.File("market/forwards.csv")), MarketCsv.ReadVols(dir.File("market/vol_surface.csv")));
        Assert.True(market.HasUnderlying("BTC"));
    }

    private sealed record ChainRow(string Name, double Mark, double Iv, double Years);

    private static IEnumerable<ChainRow> ReadChain(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int name = Array.IndexOf(header, "instrument_name"), mark = Array.IndexOf(header, "mark_price"), iv = Array.IndexOf(header, "implied_volatility"), years = Array.IndexOf(header, "time_to_maturity");
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            yield return new ChainRow(f[name], double.Parse(f[mark], CultureInfo.InvariantCulture), double.Parse(f[iv], CultureInfo.InvariantCulture), double.Parse(f[years], CultureInfo.InvariantCulture));
        }
    }
}
