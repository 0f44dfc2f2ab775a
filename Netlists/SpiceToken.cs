namespace Bmcnn.Netlists;

/// <summary>
/// One word of a SPICE card: a range of the text it was read from, with the physical line it came from (continuation
/// lines keep their own number). The text is not copied until <see cref="Text"/> asks for it.
/// </summary>
internal readonly struct SpiceToken
{
    private readonly char[] _buffer;
    private readonly int _start;
    private readonly int _length;

    public SpiceToken(char[] buffer, int start, int length, int line)
    {
        _buffer = buffer;
        _start = start;
        _length = length;
        Line = line;
    }

    /// <summary>The physical line the token starts on.</summary>
    public int Line { get; }

    /// <summary>The token's characters, without copying.</summary>
    public ReadOnlySpan<char> Span => _buffer.AsSpan(_start, _length);

    /// <summary>The token as a new string (for messages and the rarely used paths).</summary>
    public string Text => new(_buffer, _start, _length);

    /// <summary>True when the token is the single character <paramref name="c"/>.</summary>
    public bool Is(char c) => _length == 1 && _buffer[_start] == c;

    /// <summary>True when the token equals <paramref name="word"/>, ignoring case.</summary>
    public bool Is(string word) => Span.Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the token begins with <paramref name="c"/>.</summary>
    public bool StartsWith(char c) => _length > 0 && _buffer[_start] == c;
}
