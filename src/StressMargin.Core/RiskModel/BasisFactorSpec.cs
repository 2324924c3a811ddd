namespace StressMargin.Core.RiskModel;

/// <summary>
/// The scenario file's <c>risk_factors.U.basis</c> entry: the simulated log-basis of the underlying's dated futures,
/// one factor per tenor bucket (docs/model.md §3.3). Bucket k holds the futures with days to expiry in
/// (<c>BucketDays[k − 1]</c>, <c>BucketDays[k]</c>] (the first from 0); the last bucket also holds every longer future.
/// </summary>
/// <param name="BucketDays">Upper bounds of the buckets in calendar days to expiry, positive and strictly increasing.</param>
/// <param name="VolsAnnualized">σ_β per bucket, the annualized decimal vol of the log-basis change; same length.</param>
/// <param name="Source">Where the entry was defined, for error messages.</param>
public sealed record BasisFactorSpec(IReadOnlyList<int> BucketDays, IReadOnlyList<double> VolsAnnualized, SourceLocation? Source = null)
{
    /// <summary>The bucket of a future: the first k with days ≤ <c>BucketDays[k]</c>, else the last bucket.</summary>
    /// <param name="daysToExpiry">Calendar days from as_of to the future's expiry.</param>
    /// <returns>The bucket index k.</returns>
    public int BucketOf(double daysToExpiry)
    {
        for (int k = 0; k < BucketDays.Count; k++)
            if (daysToExpiry <= BucketDays[k]) return k;
        return BucketDays.Count - 1;
    }
}
