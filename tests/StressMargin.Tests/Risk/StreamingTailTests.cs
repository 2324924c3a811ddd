using StressMargin.Compute;
using StressMargin.Compute.Cpu;
using StressMargin.Core.Risk;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Risk;

/// <summary>The streaming tail (TailAccumulator, TailPartial) against a full sort, and the exactness of merging path ranges.</summary>
public class StreamingTailTests
{
    private static double[] Sample(Random rng, int n, bool ties) => ties
        ? Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 40) - 10).ToArray()
        : Enumerable.Range(0, n).Select(_ => Math.Exp(3 * rng.NextDouble()) * (rng.NextDouble() - 0.3)).ToArray();

    /// <summary>ES of a sample by a full sort (loss descending, path ascending), the definition of docs/model.md §8.</summary>
    private static double SortedEs(double[] losses, int first, int end, double alpha)
    {
        var sorted = Enumerable.Range(first, end - first).OrderByDescending(i => losses[i]).ThenBy(i => i).Select(i => losses[i]).ToArray();
        double k = TailEstimator.TailSize(end - first, alpha);
        int whole = (int)Math.Floor(k);
        double sum = 0;
        for (int i = 0; i < whole; i++) sum += sorted[i];
        if (k > whole) sum += (k - whole) * sorted[whole];
        return sum / k;
    }

    [Fact]
    public void SelectBestKeepsExactlyTheBestRankedWithTiesByPath()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = rng.Next(1, 400);
            var losses = Sample(rng, n, trial % 2 == 0);
            var items = losses.Select((l, i) => new TailCandidate(l, rng.Next() % 2 == 0 ? i : 1000 + i)).OrderBy(_ => rng.Next()).ToArray();
            int m = rng.Next(1, n + 1);
            var expected = items.OrderByDescending(c => c.Loss).ThenBy(c => c.Path).Take(m).ToArray();
            var copy = items.ToArray();
            var worst = TailRanking.SelectBest(copy, m);
            Assert.Equal(expected.OrderBy(c => c.Path), copy.Take(m).OrderBy(c => c.Path));
            Assert.Equal(expected[^1], worst);
            TailRanking.SortByRank(copy.AsSpan(0, m));
            Assert.Equal(expected, copy.Take(m));
        }
    }

    [Fact]
    public void OrderKeysFollowTheOrderOfDoubles()
    {
        double[] values = [double.MinValue, -1e300, -2.5, -1, -double.Epsilon, -0.0, 0.0, double.Epsilon, 1e-300, 1, 3.5, double.MaxValue];
        for (int i = 0; i + 1 < values.Length; i++)
        {
            ulong a = TailRanking.OrderKey(values[i]), b = TailRanking.OrderKey(values[i + 1]);
            Assert.True(values[i] == values[i + 1] ? a == b : a < b, $"{values[i]} vs {values[i + 1]}");
            Assert.Equal(values[i] + 0.0, TailRanking.FromOrderKey(a));
        }
    }

    /// <summary>Streams the losses in the given blocks and checks ES, the tail paths, VaR and the batch-means error
    /// against a full sort.</summary>
    private static void AssertStreamMatchesFullSort(double[] losses, double alpha, IEnumerable<int> blocks)
    {
        int n = losses.Length;
        var layout = new TailLayout(n, alpha, alpha);
        var accumulator = new TailAccumulator(layout, 0, n);
        using var sizes = blocks.GetEnumerator();
        for (int start = 0; start < n;)
        {
            int count = Math.Min(n - start, sizes.MoveNext() ? sizes.Current : n);
            accumulator.Add(losses.AsSpan(start, count));
            start += count;
        }
        var partial = new TailPartial(layout, 1, 0, n);
        accumulator.WriteTo(partial, 0);
        var t = TailPartial.Merge([partial]).Reduce()[0];
        Assert.Equal(SortedEs(losses, 0, n, alpha), t.ExpectedShortfall, 1e-12 * (1 + Math.Abs(t.ExpectedShortfall)));
        var ranked = Enumerable.Range(0, n).OrderByDescending(i => losses[i]).ThenBy(i => i).ToArray();
        Assert.Equal(ranked.Take(layout.EsRanks), t.TailPaths);
        Assert.Equal(losses[ranked[layout.VarRanks - 1]], t.ValueAtRisk);
        if (layout.Batches < 2) { Assert.True(double.IsNaN(t.EsStdError)); return; }
        var es = Enumerable.Range(0, layout.Batches).Select(b => SortedEs(losses, layout.BatchStart(b), layout.BatchStart(b + 1), alpha)).ToArray();
        double mean = es.Average(), se = Math.Sqrt(es.Sum(e => (e - mean) * (e - mean)) / (es.Length - 1) / es.Length);
        Assert.Equal(se, t.EsStdError, 1e-9 * (1 + se));
    }

    [Fact]
    public void StreamedInBlocksOfAnySizeItMatchesAFullSortIncludingTheBatchMeansError()
    {
        var rng = new Random(5);
        for (int trial = 0; trial < 60; trial++)
        {
            int n = trial % 5 == 0 ? rng.Next(20_000, 50_000) : rng.Next(1, 6000);
            double alpha = 0.5 + 0.499 * rng.NextDouble();
            AssertStreamMatchesFullSort(Sample(rng, n, trial % 3 == 0), alpha, Enumerable.Range(0, n).Select(_ => rng.Next(1, 3000)));
        }
    }

    [Fact]
    public void ASeedThatItsBlockDoesNotBearOutIsUndone()
    {
        // The buffers take their first threshold from every 8th loss of a block. Here exactly those losses are large
        // and all others small, so the seed is far too high (the block holds fewer large losses than the tail needs)
        // and each buffer must take its block again, unseeded; in whole batches (blocks of 15,000 = 3 batches) the
        // next batch's seed, reused from the previous batch, fails the same way.
        var rng = new Random(21);
        var losses = Enumerable.Range(0, 100_000).Select(i => i % 8 == 0 ? 1e6 + rng.NextDouble() : rng.NextDouble()).ToArray();
        AssertStreamMatchesFullSort(losses, 0.99, Enumerable.Repeat(15_000, 7));
        AssertStreamMatchesFullSort(losses, 0.99, Enumerable.Repeat(4_096, 25));
        // The opposite: the sampled losses are the smallest, so every seed is low (safe) and the blocks are checked.
        var low = Enumerable.Range(0, 100_000).Select(i => i % 8 == 0 ? -1e6 - rng.NextDouble() : rng.NextDouble()).ToArray();
        AssertStreamMatchesFullSort(low, 0.99, Enumerable.Repeat(15_000, 7));
    }

    [Fact]
    public void MergingAnySplitOfThePathsIsBitIdenticalToOneRange()
    {
        var rng = new Random(8);
        for (int trial = 0; trial < 40; trial++)
        {
            int n = rng.Next(2000, 30_000), accounts = rng.Next(1, 4);
            double es = 0.9 + 0.099 * rng.NextDouble(), var = 0.9 + 0.099 * rng.NextDouble();
            var losses = Enumerable.Range(0, accounts).Select(_ => Sample(rng, n, trial % 4 == 0)).ToArray();
            var layout = new TailLayout(n, es, var);
            TailPartial Range(int first, int end)
            {
                var p = new TailPartial(layout, accounts, first, end);
                for (int a = 0; a < accounts; a++)
                {
                    var acc = new TailAccumulator(layout, first, end);
                    acc.Add(losses[a].AsSpan(first, end - first));
                    acc.WriteTo(p, a);
                }
                return p;
            }
            var whole = TailPartial.Merge([Range(0, n)]).Reduce();
            int shards = rng.Next(2, 12);
            var cuts = Enumerable.Range(0, shards - 1).Select(_ => rng.Next(1, n)).Append(0).Append(n).Distinct().Order().ToArray();
            var parts = cuts.Zip(cuts.Skip(1), Range).OrderBy(_ => rng.Next()).ToArray();
            var merged = TailPartial.Merge(parts).Reduce();
            for (int a = 0; a < accounts; a++)
            {
                Assert.Equal(whole[a].ExpectedShortfall, merged[a].ExpectedShortfall);
                Assert.Equal(whole[a].ValueAtRisk, merged[a].ValueAtRisk);
                Assert.Equal(whole[a].EsStdError, merged[a].EsStdError);
                Assert.Equal(whole[a].TailPaths, merged[a].TailPaths);
            }
            if (parts.Length > 1)
            {
                var missing = Assert.Throws<ArgumentException>(() => TailPartial.Merge(parts.Skip(1).ToArray()));
                Assert.Contains("missing", missing.Message);
                var duplicated = Assert.Throws<ArgumentException>(() => TailPartial.Merge([.. parts, parts[0]]));
                Assert.Contains("duplicated", duplicated.Message);
            }
        }
    }

    [Fact]
    public void PathShardsOfTheSampleSimulatedWithDifferentThreadCountsMergeToTheUnshardedRun()
    {
        var input = ScenarioLoader.Load(RepoPaths.SampleScenario, new RunOverrides(Paths: 12_000));
        var plan = input.Plan;
        IComputeBackend unsharded = new CpuBackend(maxThreads: 2);
        var whole = unsharded.Run(plan);
        var parts = Enumerable.Range(0, 3).Select(i => new CpuBackend(maxThreads: i + 1, blockPaths: 256 * (i + 1))
            .Simulate(plan, PathRange.Shard(i, 3, plan.PathCount)).Tails).ToArray();
        var merged = TailPartial.Merge(parts).Reduce();
        Assert.Equal(whole.Accounts.Select(t => (t.ValueAtRisk, t.ExpectedShortfall, t.EsStdError)), merged.Select(t => (t.ValueAtRisk, t.ExpectedShortfall, t.EsStdError)));
        Assert.Equal(whole.Accounts.SelectMany(t => t.TailPaths), merged.SelectMany(t => t.TailPaths));
    }
}
