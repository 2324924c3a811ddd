namespace StressMargin.Engine.Session;

/// <summary>Settings of a warm margin session.</summary>
/// <param name="MaxThreads">Worker threads for simulation and re-margining; null uses every logical core.</param>
/// <param name="MaxCacheBytes">Most memory the cached ΔV rows may take (8 × instruments × paths bytes); a book that
/// needs more is refused at start with the figure. Default 16 GiB.</param>
/// <param name="MaxExtraRows">Most rows kept for instruments outside the book that what-ifs trade; beyond it a row is
/// simulated per request and not kept.</param>
public sealed record SessionOptions(int? MaxThreads = null, long MaxCacheBytes = 16L << 30, int MaxExtraRows = 64);
