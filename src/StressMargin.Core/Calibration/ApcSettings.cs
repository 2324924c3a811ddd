namespace StressMargin.Core.Calibration;

/// <summary>
/// A named stress period of the history and the weight its observations get in the variance (EMIR RTS 153/2013
/// Art. 28(1)(b)): σ² = (1 − w)·σ²_model + w·σ²_stress, σ²_stress the equally weighted zero-mean variance of the
/// returns dated within [Start, End].
/// </summary>
/// <param name="Start">First date of the period (inclusive).</param>
/// <param name="End">Last date of the period (inclusive), on or after <paramref name="Start"/>.</param>
/// <param name="Weight">w in [0.25, 1].</param>
/// <param name="Source">Where it was defined, for errors.</param>
public sealed record StressWeighting(DateOnly Start, DateOnly End, double Weight, SourceLocation? Source = null);

/// <summary>
/// The anti-procyclicality (APC) tools of EMIR RTS 153/2013 Art. 28(1), any combination of which may be selected:
/// <list type="bullet">
/// <item>(a) <see cref="BufferRate"/>: a margin buffer of at least 25 % on the ES term of initial margin, released
/// (multiplier 1) when any calibrated spot factor's model vol reaches <see cref="BufferReleaseVolRatio"/> times its
/// long-run (lookback) vol, i.e. when margins are rising significantly;</item>
/// <item>(b) <see cref="StressWeight"/>: at least 25 % weight on the observations of a named stress period;</item>
/// <item>(c) <see cref="FloorLookbackYears"/>: a floor at the vol estimated over a long lookback (10 years in the RTS).</item>
/// </list>
/// (b) and (c) act on every factor estimated from the history; (a) acts on each account's margin.
/// </summary>
/// <param name="BufferRate">(a) buffer b ≥ 0.25: IM's ES term × (1 + b); null = no buffer.</param>
/// <param name="BufferReleaseVolRatio">(a) release trigger q* &gt; 1: the buffer is released when max over calibrated
/// spot factors of σ_model/σ_long-run ≥ q*; null = never released automatically.</param>
/// <param name="StressWeight">(b), or null.</param>
/// <param name="FloorLookbackYears">(c) lookback in whole years, or null for no floor.</param>
/// <param name="Source">Where the apc block was defined, for errors.</param>
public sealed record ApcSettings(
    double? BufferRate = null,
    double? BufferReleaseVolRatio = null,
    StressWeighting? StressWeight = null,
    int? FloorLookbackYears = null,
    SourceLocation? Source = null)
{
    /// <summary>The RTS minimum for the buffer (a) and the stress weight (b): 25 %.</summary>
    public const double EmirMinimum = 0.25;

    /// <summary>The RTS lookback for the floor (c): 10 years.</summary>
    public const int EmirLookbackYears = 10;

    /// <summary>No APC tool.</summary>
    public static ApcSettings None { get; } = new();

    /// <summary>Lookback of the long-run vol: <see cref="FloorLookbackYears"/>, else 10 years (used by the floor and
    /// by the buffer's release trigger).</summary>
    public int LongRunLookbackYears => FloorLookbackYears ?? EmirLookbackYears;

    /// <summary>Whether any tool is selected.</summary>
    public bool Any => BufferRate is not null || StressWeight is not null || FloorLookbackYears is not null;
}
