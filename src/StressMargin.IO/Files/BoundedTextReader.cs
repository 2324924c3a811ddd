using StressMargin.Core;

namespace StressMargin.IO.Files;

/// <summary>
/// A text reader over a scenario or stress YAML file that stops hostile input before the YAML parser buffers it: more
/// than <see cref="MaxChars"/> characters in all, a line longer than <see cref="MaxLineChars"/>, or a NUL character
/// (a binary file) is an <see cref="InputException"/> at the line where it happens.
/// </summary>
internal sealed class BoundedTextReader(TextReader inner, string file) : TextReader
{
    /// <summary>Most characters of a YAML file: 4 Mi. The largest shipped file is under 4 Ki.</summary>
    public const int MaxChars = 4 << 20;

    /// <summary>Longest YAML line: 64 Ki characters.</summary>
    public const int MaxLineChars = 1 << 16;

    private long _total;
    private int _line = 1;
    private int _lineChars;

    /// <inheritdoc/>
    public override int Peek() => inner.Peek();

    /// <inheritdoc/>
    public override int Read()
    {
        int c = inner.Read();
        if (c >= 0) Count((char)c);
        return c;
    }

    /// <inheritdoc/>
    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <inheritdoc/>
    public override int Read(Span<char> buffer)
    {
        int n = inner.Read(buffer);
        foreach (char c in buffer[..n]) Count(c);
        return n;
    }

    private void Count(char c)
    {
        if (++_total > MaxChars)
            throw new InputException(new SourceLocation(file, _line), $"the file is longer than {MaxChars:N0} characters; a scenario or stress file is a few kilobytes (is this the right file?)");
        if (c == '\0')
            throw new InputException(new SourceLocation(file, _line, _lineChars + 1), "a NUL character: this is a binary file, not YAML text");
        if (c == '\n')
        {
            _line++;
            _lineChars = 0;
        }
        else if (++_lineChars > MaxLineChars)
        {
            throw new InputException(new SourceLocation(file, _line), $"line {_line} is longer than {MaxLineChars:N0} characters (is this the right file?)");
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
