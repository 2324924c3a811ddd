namespace StressMargin.Core.Calibration;

/// <summary>
/// Estimates the basis factors of an underlying (docs/model.md §3.3) from a daily log-basis history: for each pair of
/// consecutive snapshots t0 &lt; t1 of the underlying, both at or before as_of and 0.5 to 1.5 days apart, every future
/// present at both gives Δb = b(t1) − b(t0); it joins the bucket of its days to expiry at t0; the bucket's change that
/// day is the mean of its futures' Δb, and the spot move is r = ln(P(t1)/P(t0)) of the perpetual. Each change is scaled
/// by 1/√(t1 − t0 in days) to a one-day change. σ_k = sample standard deviation (n − 1) of bucket k's daily changes
/// × √365 (crypto trades every calendar day; ACT/365 as the horizon); correlations are Pearson's over the days both
/// series have (sample moments). This is the classical estimator of the calibration section (docs/model.md §8), applied
/// to basis changes instead of returns.
/// </summary>
public static class BasisCalibrator
{
    /// <summary>Calendar days per year used to annualize daily changes.</summary>
    public const double DaysPerYear = 365.0;

    /// <summary>Estimates the basis factors of one underlying.</summary>
    /// <param name="history">Observations of every underlying, any order.</param>
    /// <param name="underlying">The underlying.</param>
    /// <param name="bucketDays">Bucket upper bounds (days to expiry), increasing; the last bucket also takes longer futures.</param>
    /// <param name="asOf">Only snapshots at or before this instant are used.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="InputException">A bucket with fewer than 10 daily changes (at the history's first row, or
    /// without location when the history has none for the underlying).</exception>
    public static BasisEstimate Estimate(IReadOnlyList<BasisObservation> history, string underlying, IReadOnlyList<int> bucketDays, DateTimeOffset asOf)
    {
        int k = bucketDays.Count;
        var spec = new RiskModel.BasisFactorSpec(bucketDays, new double[k]);
        var snapshots = history.Where(o => o.Underlying == underlying && o.Time <= asOf)
            .GroupBy(o => o.Time).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        // Per day: the spot move and each bucket's change (NaN when no future of the bucket is present on both days).
        var spot = new List<double>();
        var changes = new List<double[]>();
        for (int d = 1; d < snapshots.Length; d++)
        {
            var (s0, s1) = (snapshots[d - 1], snapshots[d]);
            double dt = (s1[0].Time - s0[0].Time).TotalDays;
            if (dt < 0.5 || dt > 1.5) continue;
            double scale = 1.0 / Math.Sqrt(dt);
            var end = s1.ToDictionary(o => o.Future, StringComparer.Ordinal);
            var sum = new double[k];
            var count = new int[k];
            foreach (var o in s0)
            {
                if (!end.TryGetValue(o.Future, out var e)) continue;
                int b = spec.BucketOf(o.DaysToExpiry);
                sum[b] += e.LogBasis - o.LogBasis;
                count[b]++;
            }
            spot.Add(Math.Log(s1[0].Perpetual / s0[0].Perpetual) * scale);
            changes.Add(Enumerable.Range(0, k).Select(b => count[b] > 0 ? sum[b] / count[b] * scale : double.NaN).ToArray());
        }

        var vols = new double[k];
        var n = new int[k];
        var rhoSpot = new double[k];
        var rho = new double[k, k];
        for (int b = 0; b < k; b++)
        {
            var series = changes.Select(c => c[b]).Where(double.IsFinite).ToArray();
            n[b] = series.Length;
            if (n[b] < 10)
                throw new InputException(history.FirstOrDefault(o => o.Underlying == underlying)?.Source,
                    $"basis history has {n[b]} daily changes for {underlying} futures with days to expiry in bucket {bucketDays[b]} up to {asOf:u} (at least 10 are needed to estimate its vol)");
            vols[b] = StdDev(series) * Math.Sqrt(DaysPerYear);
            rhoSpot[b] = Pearson(changes.Select(c => c[b]).ToArray(), spot.ToArray());
            for (int l = 0; l < k; l++) rho[b, l] = b == l ? 1.0 : Pearson(changes.Select(c => c[b]).ToArray(), changes.Select(c => c[l]).ToArray());
        }
        return new BasisEstimate(underlying, bucketDays.ToArray(), vols, n, rhoSpot, rho);
    }

    private static double StdDev(double[] x)
    {
        double mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
    }

    /// <summary>Pearson's correlation over the indices where both are finite.</summary>
    private static double Pearson(double[] a, double[] b)
    {
        var pairs = a.Zip(b).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToArray();
        double ma = pairs.Average(p => p.First), mb = pairs.Average(p => p.Second);
        double sab = pairs.Sum(p => (p.First - ma) * (p.Second - mb));
        double saa = pairs.Sum(p => (p.First - ma) * (p.First - ma)), sbb = pairs.Sum(p => (p.Second - mb) * (p.Second - mb));
        return sab / Math.Sqrt(saa * sbb);
    }
}
