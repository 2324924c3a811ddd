using StressMargin.Core;
using StressMargin.Core.Margin.AddOns;

namespace StressMargin.IO.Shards;

/// <summary>
/// Shard 0's deterministic margin terms (<c>deterministic.bin</c>, docs/formats.md §6.8), computed once for a
/// path-sharded run, little-endian: <c>"SMDET\0\0\0"</c>, version int32 = 1, accounts A int32, scenarios S int32, the
/// stress P&amp;L <c>[account, scenario]</c> (A·S doubles, USD), then per account liquidity, concentration,
/// short-option minimum, gross notional and market impact (5 doubles, USD) and the depth fallbacks (int32). Stored bit for bit.
/// </summary>
public static class DeterministicMarginFile
{
    private static readonly byte[] Magic = "SMDET\0\0\0"u8.ToArray();
    private const int Version = 2;

    /// <summary>Writes the terms.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="pnl">Stress P&amp;L <c>[account, scenario]</c>.</param>
    /// <param name="addOns">Add-ons per account.</param>
    public static void Write(string path, double[,] pnl, IReadOnlyList<AccountAddOns> addOns)
    {
        using var w = new BinaryWriter(File.Create(path));
        w.Write(Magic);
        w.Write(Version);
        w.Write(pnl.GetLength(0));
        w.Write(pnl.GetLength(1));
        for (int a = 0; a < pnl.GetLength(0); a++)
            for (int s = 0; s < pnl.GetLength(1); s++) w.Write(pnl[a, s]);
        foreach (var x in addOns) { w.Write(x.Liquidity); w.Write(x.Concentration); w.Write(x.ShortOptionMinimum); w.Write(x.GrossNotionalUsd); w.Write(x.MarketImpact); w.Write(x.DepthFallbacks); }
    }

    /// <summary>Reads the terms of a book of <paramref name="accounts"/> accounts and <paramref name="scenarios"/> scenarios.</summary>
    /// <param name="path">The file.</param>
    /// <param name="accounts">Expected accounts.</param>
    /// <param name="scenarios">Expected stress scenarios.</param>
    /// <returns>The P&amp;L matrix and the add-ons.</returns>
    /// <exception cref="InputException">Not such a file, another book's, or truncated (names the file).</exception>
    public static (double[,] Pnl, AccountAddOns[] AddOns) Read(string path, int accounts, int scenarios)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(stream);
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw Bad(path, "not a StressMargin deterministic-margin file (no SMDET header)");
            if (r.ReadInt32() is var version && version != Version) throw Bad(path, $"version {version}; this build reads version {Version}");
            int a0 = r.ReadInt32(), s0 = r.ReadInt32();
            if (a0 != accounts || s0 != scenarios) throw Bad(path, $"{a0} accounts × {s0} stress scenarios; the scenario has {accounts} × {scenarios}");
            var pnl = new double[accounts, scenarios];
            for (int a = 0; a < accounts; a++)
                for (int s = 0; s < scenarios; s++) pnl[a, s] = r.ReadDouble();
            var addOns = new AccountAddOns[accounts];
            for (int a = 0; a < accounts; a++) addOns[a] = new AccountAddOns(r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadInt32());
            if (stream.Position != stream.Length) throw Bad(path, $"{stream.Length - stream.Position} bytes after the end of the data");
            return (pnl, addOns);
        }
        catch (EndOfStreamException)
        {
            throw Bad(path, "truncated");
        }
    }

    private static InputException Bad(string path, string what) => new(new SourceLocation(path), what);
}
