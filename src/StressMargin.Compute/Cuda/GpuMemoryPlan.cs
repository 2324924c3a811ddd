using StressMargin.Compute.Plan;

namespace StressMargin.Compute.Cuda;

/// <summary>
/// How a run is cut so that it never needs more device memory than the budget (docs/model.md §10b):
/// <list type="bullet">
/// <item>fixed: the plan's arrays (with filtered historical simulation the residual matrix, 8·N·H bytes:
/// <see cref="DevicePlan.BytesFor"/>), the instrument list and the error word;</item>
/// <item>per path of a chunk: 8·(2F + I) bytes (normals scratch, factors, ΔV matrix);</item>
/// <item>per account of a group: its loss row 8n, the tail scratch 12·(capacity of the row + its batches), the
/// ranked output 12·M and the job table and ES of its 1 + B jobs.</item>
/// </list>
/// The path chunk starts at <c>maxChunk</c> (at most n) and is halved, first while all accounts do not fit (down to
/// 65,536 paths), then while a single account does not fit (down to 1,024); the group then takes as many accounts as
/// fit. Each further group re-simulates every path (as on the CPU), so fewer, larger groups are preferred.
/// </summary>
/// <param name="PathChunk">Paths simulated per launch sequence.</param>
/// <param name="AccountsPerGroup">Accounts whose loss rows are resident at once.</param>
/// <param name="FixedBytes">Bytes independent of chunk and group.</param>
/// <param name="BytesPerPath">Bytes per path of a chunk.</param>
/// <param name="BytesPerAccount">Bytes per account of a group.</param>
internal sealed record GpuMemoryPlan(int PathChunk, int AccountsPerGroup, long FixedBytes, long BytesPerPath, long BytesPerAccount)
{
    /// <summary>Plans the main pass.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="tail">Its tail layout.</param>
    /// <param name="budget">Device bytes the run may use.</param>
    /// <param name="maxChunk">Largest path chunk.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="CudaUnavailableException">Not even one account and 1,024 paths fit (<see cref="CudaUnavailableReason.InsufficientMemory"/>).</exception>
    public static GpuMemoryPlan For(RevaluationPlan plan, TailLayout tail, long budget, int maxChunk)
    {
        int n = plan.PathCount, accounts = plan.AccountCount;
        long fixedBytes = DevicePlan.BytesFor(plan) + Math.Max(8, 4L * plan.InstrumentCount) + 16;
        long perPath = 8L * ((2L * plan.FactorCount) + plan.InstrumentCount);
        long perAccount = (8L * n) + (12L * tail.ScratchPerAccount) + (12L * tail.Ranks) + (56L * tail.SegmentsPerAccount);
        long Need(long chunk, long group) => fixedBytes + (chunk * perPath) + (group * perAccount);

        int chunk = Math.Max(1, Math.Min(n, maxChunk));
        int floor = Math.Min(n, 1024);
        while (chunk > Math.Max(floor, 65_536) && Need(chunk, accounts) > budget) chunk = Math.Max(floor, chunk / 2);
        while (chunk > floor && Need(chunk, 1) > budget) chunk = Math.Max(floor, chunk / 2);
        if (Need(chunk, 1) > budget)
            throw new CudaUnavailableException(CudaUnavailableReason.InsufficientMemory,
                $"device memory budget of {budget:N0} bytes cannot hold one account's {n:N0} losses and a chunk of {chunk:N0} paths ({Need(chunk, 1):N0} bytes needed)");
        long group = Math.Min(accounts, (budget - fixedBytes - (chunk * perPath)) / perAccount);
        return new GpuMemoryPlan(chunk, (int)Math.Max(1, group), fixedBytes, perPath, perAccount);
    }

    /// <summary>Device bytes of the attribution pass for one account: its tail path list, factors and normals of
    /// those paths, and per risky position the ranked losses and bookkeeping.</summary>
    /// <param name="factorCount">F.</param>
    /// <param name="tailRanks">⌊k⌋ + 1.</param>
    /// <param name="riskyPositions">The account's positions with an instrument.</param>
    /// <returns>Bytes.</returns>
    public static long AttributionBytes(int factorCount, int tailRanks, int riskyPositions) =>
        (8L * tailRanks) + (16L * factorCount * tailRanks) + (8L * riskyPositions * tailRanks) + (16L * riskyPositions);
}
