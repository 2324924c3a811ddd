namespace StressMargin.Compute;

/// <summary>Progress of one stage of a backend run.</summary>
/// <param name="Stage">Stage name: <c>simulate</c>, <c>tail</c> or <c>attribution</c>.</param>
/// <param name="Done">Units done (paths or accounts).</param>
/// <param name="Total">Units in the stage.</param>
public sealed record ComputeProgress(string Stage, long Done, long Total);
