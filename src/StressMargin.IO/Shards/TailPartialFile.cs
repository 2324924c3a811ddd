using StressMargin.Core;
using StressMargin.Core.Risk;

namespace StressMargin.IO.Shards;

/// <summary>
/// The binary file of a path shard's tail partial (<c>tails.bin</c>, docs/formats.md §6.8), little-endian:
/// <code>
/// "SMTAIL\0\0" (8 bytes), version int32 = 1,
/// paths n int32, es_confidence double, var_confidence double, accounts A int32, first_path int32, end_path int32,
/// edge_batch[2] int32, histograms int32 (1 when the partial carries loss histograms, else 0),
/// row_count[A] int32, then per account row_count[a] × (loss double, path int32),
/// batch_es[A × B] double,
/// edge_count[A × 2] int32, then per account and slot edge_count × (loss double, path int32),
/// then with histograms, per account the number of non-empty bins int32 and that many (bin int32, count int32).
/// </code>
/// Doubles are stored bit for bit, so a merge of the read partials equals the merge of the written ones.
/// </summary>
public static class TailPartialFile
{
    private static readonly byte[] Magic = "SMTAIL\0\0"u8.ToArray();
    private const int Version = 1;

    /// <summary>Writes a partial.</summary>
    /// <param name="path">Destination (a temporary file of an atomic set).</param>
    /// <param name="partial">The partial.</param>
    public static void Write(string path, TailPartial partial)
    {
        using var stream = File.Create(path);
        using var w = new BinaryWriter(stream);
        var layout = partial.Layout;
        w.Write(Magic);
        w.Write(Version);
        w.Write(layout.PathCount);
        w.Write(layout.EsConfidence);
        w.Write(layout.VarConfidence);
        w.Write(partial.AccountCount);
        w.Write(partial.FirstPath);
        w.Write(partial.EndPath);
        w.Write(partial.EdgeBatch[0]);
        w.Write(partial.EdgeBatch[1]);
        w.Write(partial.Histograms is null ? 0 : 1);
        for (int a = 0; a < partial.AccountCount; a++) w.Write(partial.RowCount[a]);
        for (int a = 0; a < partial.AccountCount; a++)
            foreach (var c in partial.RowOf(a)) { w.Write(c.Loss); w.Write(c.Path); }
        foreach (double es in partial.BatchEs) w.Write(es);
        foreach (int count in partial.EdgeCount) w.Write(count);
        for (int a = 0; a < partial.AccountCount; a++)
            for (int slot = 0; slot < 2; slot++)
                foreach (var c in partial.EdgeOf(a, slot)) { w.Write(c.Loss); w.Write(c.Path); }
        if (partial.Histograms is { } histograms)
            foreach (var h in histograms)
            {
                var bins = h.NonEmptyBins().ToArray();
                w.Write(bins.Length);
                foreach (var b in bins) { w.Write(b.Bin); w.Write((int)b.Count); }
            }
    }

    /// <summary>Reads a partial, checking its structure against the layout it declares.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The partial.</returns>
    /// <exception cref="InputException">Not a tail file, a version this build does not read, inconsistent counts, or
    /// a truncated file (names the file).</exception>
    public static TailPartial Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(stream);
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw Bad(path, "not a StressMargin tail file (no SMTAIL header)");
            int version = r.ReadInt32();
            if (version != Version) throw Bad(path, $"tail file version {version}; this build reads version {Version}");
            int n = r.ReadInt32();
            double es = r.ReadDouble(), var = r.ReadDouble();
            int accounts = r.ReadInt32(), first = r.ReadInt32(), end = r.ReadInt32();
            if (n < 1 || accounts < 0 || !(es > 0 && es < 1) || !(var > 0 && var < 1)) throw Bad(path, "corrupt header");
            int edge0 = r.ReadInt32(), edge1 = r.ReadInt32();
            int flag = r.ReadInt32();
            if (flag is not (0 or 1)) throw Bad(path, "corrupt histogram flag");
            var partial = new TailPartial(new TailLayout(n, es, var), accounts, first, end, histograms: flag == 1);
            if (edge0 != partial.EdgeBatch[0] || edge1 != partial.EdgeBatch[1]) throw Bad(path, "cut batches do not match the path range");
            var rowCounts = new int[accounts];
            for (int a = 0; a < accounts; a++)
            {
                int count = r.ReadInt32();
                if (count < 0 || count > partial.Layout.Ranks) throw Bad(path, $"account {a}: {count} row candidates (at most {partial.Layout.Ranks})");
                rowCounts[a] = count;
            }
            for (int a = 0; a < accounts; a++)
            {
                var row = partial.NewRow(a, rowCounts[a]);
                for (int j = 0; j < row.Length; j++) row[j] = new TailCandidate(r.ReadDouble(), r.ReadInt32());
            }
            for (int i = 0; i < partial.BatchEs.Length; i++) partial.BatchEs[i] = r.ReadDouble();
            for (int i = 0; i < partial.EdgeCount.Length; i++)
            {
                int count = r.ReadInt32();
                if (count < 0 || count > partial.Layout.MaxBatchRanks) throw Bad(path, $"{count} batch candidates (at most {partial.Layout.MaxBatchRanks})");
                partial.EdgeCount[i] = count;
            }
            for (int a = 0; a < accounts; a++)
                for (int slot = 0; slot < 2; slot++)
                {
                    var edge = partial.EdgeOf(a, slot);
                    for (int j = 0; j < edge.Length; j++) edge[j] = new TailCandidate(r.ReadDouble(), r.ReadInt32());
                }
            if (partial.Histograms is { } histograms)
            {
                var counts = new int[LossHistogram.BinCount];
                for (int a = 0; a < accounts; a++)
                {
                    Array.Clear(counts);
                    int bins = r.ReadInt32();
                    if (bins < 0 || bins > LossHistogram.BinCount) throw Bad(path, $"account {a}: {bins} histogram bins");
                    for (int j = 0; j < bins; j++)
                    {
                        int bin = r.ReadInt32(), count = r.ReadInt32();
                        if ((uint)bin >= LossHistogram.BinCount || count <= 0) throw Bad(path, $"account {a}: histogram bin {bin} with count {count}");
                        counts[bin] = count;
                    }
                    histograms[a] = LossHistogram.FromCounts(counts);
                }
            }
            if (stream.Position != stream.Length) throw Bad(path, $"{stream.Length - stream.Position} bytes after the end of the data");
            return partial;
        }
        catch (EndOfStreamException)
        {
            throw Bad(path, "truncated");
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw Bad(path, e.Message);
        }
    }

    private static InputException Bad(string path, string what) => new(new SourceLocation(path), what);
}
