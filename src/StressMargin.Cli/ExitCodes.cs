namespace StressMargin.Cli;

/// <summary>Process exit codes of <c>stressmargin</c> (documented in README.md and docs/formats.md).</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;
    /// <summary>An unexpected failure inside the tool (a bug), or a requested CUDA device that cannot be used.</summary>
    public const int InternalError = 1;
    /// <summary>The command line was wrong (unknown command or option, missing argument, bad option value).</summary>
    public const int Usage = 2;
    /// <summary>An input file was wrong; the message names file, line and column. No output was written.</summary>
    public const int InputError = 3;
    /// <summary>The run succeeded and wrote its outputs, but at least one account is in liquidation and
    /// <c>--fail-on-liquidation</c> was given (so a nightly job can page someone).</summary>
    public const int Liquidation = 4;
    /// <summary><c>compare</c>: the two runs differ beyond the tolerance (the differences are printed). Not 4, which
    /// means <c>run --fail-on-liquidation</c> found a liquidation.</summary>
    public const int Different = 5;
    /// <summary>The output folder cannot be written (cannot be created, not writable, disk full, a permission or I/O error
    /// while writing); found before the simulation where possible. The previous outputs are intact, no temporary file is left.</summary>
    public const int OutputError = 6;
    /// <summary><c>verify</c>: a file of the folder is missing, modified, or an unlisted output of another run.</summary>
    public const int VerifyMismatch = 7;
    /// <summary>Another stressmargin run holds the output folder's lock (without <c>--wait-lock</c>). Nothing was written.</summary>
    public const int OutputLocked = 8;
    /// <summary>Cancelled by Ctrl-C (SIGINT): 128 + 2, the shell's convention. Nothing was written.</summary>
    public const int Cancelled = 130;
    /// <summary>Cancelled by SIGTERM (e.g. a scheduler stopping the job): 128 + 15. Nothing was written.</summary>
    public const int Terminated = 143;
}
