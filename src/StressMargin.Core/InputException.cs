namespace StressMargin.Core;

/// <summary>
/// Bad user input: a missing file, a malformed cell, an unknown key, an inconsistent model.
/// The message says what was expected; <see cref="Location"/> says where. The CLI maps this to exit code 3
/// and never writes output files when it is thrown.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates an input error at a location.</summary>
    /// <param name="location">Where the problem is; null when it is not tied to a file.</param>
    /// <param name="message">What is wrong and what was expected, without the location prefix.</param>
    public InputException(SourceLocation? location, string message)
        : base(location is null ? message : $"{location}: {message}")
    {
        Location = location;
        Detail = message;
    }

    /// <summary>Where the problem is, or null.</summary>
    public SourceLocation? Location { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Detail { get; }
}
