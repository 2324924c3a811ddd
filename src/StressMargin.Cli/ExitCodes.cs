namespace StressMargin.Cli;

/// <summary>Process exit codes of <c>stressmargin</c> (documented in README.md and docs/formats.md).</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;
    /// <summary>An unexpected failure inside the tool (a bug or an environment problem such as a full disk).</summary>
    public const int InternalError = 1;
    /// <summary>The command line was wrong (unknown command or option, missing argument, bad option value).</summary>
    public const int Usage = 2;
    /// <summary>An input file was wrong; the message names file, line and column. No output was written.</summary>
    public const int InputError = 3;
    /// <summary>The run succeeded and wrote its outputs, but at least one account is in liquidation and
    /// <c>--fail-on-liquidation</c> was given (so a nightly job can page someone).</summary>
    public const int Liquidation = 4;
    /// <summary><c>compare</c>: the two runs differ beyond the tolerance (the differences are printed). Not 4, which
    /// issue 4 gives to <c>run --fail-on-liquidation</c>.</summary>
    public const int Different = 5;
}
