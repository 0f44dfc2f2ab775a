using System.Runtime.CompilerServices;
using System.Text;

namespace Bmcnn.Netlists;

/// <summary>
/// The netlist text that one-line cards are ranges of, and the tokens of the card last asked for. The text is either a
/// string or, for a plain-ASCII file (nearly every netlist), its bytes as read: a character is a byte there, so ranges
/// mean the same in both, and a 1.4 MB file is not widened into a 2.8 MB string up front (a cold process pays for every
/// page it touches); a line or card is widened into a small reused buffer when it is looked at. The lexer checks every
/// card once and keeps no tokens; a card is tokenized again when the elaborator reads it. Cards with continuation lines
/// (rare) keep their own joined text and tokens.
/// </summary>
/// <remarks>
/// The spans and tokens handed out live in reused buffers: <see cref="Line"/>'s until the next line, <see cref="Chars"/>'
/// until the next call, the tokens until another card is tokenized. Callers use them at once (the elaborator reads one
/// card at a time and copies what it keeps).
/// </remarks>
internal sealed class SpiceText
{
    private readonly string? _string;
    private readonly byte[]? _ascii;
    private readonly List<JoinedCard> _joined = new();
    private readonly SpiceTokenizer _tokenizer;
    private char[] _line = new char[256];
    private char[] _chars = new char[256];
    private char[] _card = new char[256];
    private int _cachedStart = -1;

    /// <summary>Text already decoded.</summary>
    public SpiceText(string text, SpiceSource source)
    {
        _string = text;
        Length = text.Length;
        _tokenizer = new SpiceTokenizer(source);
    }

    /// <summary>Plain-ASCII bytes (checked by the caller), one character each.</summary>
    public SpiceText(byte[] ascii, SpiceSource source)
    {
        _ascii = ascii;
        Length = ascii.Length;
        _tokenizer = new SpiceTokenizer(source);
    }

    /// <summary>The number of characters.</summary>
    public int Length { get; }

    /// <summary>A card with continuation lines: its joined text, the text shown in messages, and its tokens.</summary>
    public sealed record JoinedCard(char[] Buffer, string Text, SpiceTokenRange[] Tokens);

    /// <summary>Keeps a joined card; returns its index.</summary>
    public int AddJoined(JoinedCard card)
    {
        _joined.Add(card);
        return _joined.Count - 1;
    }

    /// <summary>The joined card at <paramref name="index"/>.</summary>
    public JoinedCard Joined(int index) => _joined[index];

    /// <summary>The number of lines (line feeds + 1).</summary>
    public int LineCount() =>
        (_string is not null ? _string.AsSpan().Count('\n') : _ascii.AsSpan().Count((byte)'\n')) + 1;

    /// <summary>The position of the first line feed at or after <paramref name="start"/>, or -1.</summary>
    public int IndexOfNewline(int start) =>
        _string is not null ? _string.IndexOf('\n', start) : IndexFrom(_ascii.AsSpan(start).IndexOf((byte)'\n'), start);

    /// <summary>Characters start..+length for the lexer's current line (valid until the next call).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Line(int start, int length) => Span(ref _line, start, length);

    /// <summary>Characters start..+length (valid until the next call).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Chars(int start, int length) => Span(ref _chars, start, length);

    /// <summary>Characters start..+length as a new string (for messages and the rarely used paths).</summary>
    public string Substring(int start, int length) =>
        _string is not null ? _string.Substring(start, length) : Encoding.ASCII.GetString(_ascii!, start, length);

    /// <summary>
    /// The tokens of the one-line card start..+length on <paramref name="line"/>, as ranges of <see cref="TokenChars"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<SpiceTokenRange> Tokens(int start, int length, int line)
    {
        if (start != _cachedStart)
        {
            // The lexer has tokenized this card without error, so this cannot throw.
            _cachedStart = -1;
            var chars = Copy(ref _card, start, length);
            _tokenizer.Tokenize(chars, [0], [line], chars);
            _cachedStart = start;
        }
        return _tokenizer.Tokens;
    }

    /// <summary>The characters of the card last tokenized by <see cref="Tokens"/>, which its token ranges index.</summary>
    public char[] TokenChars => _card;

    private static int IndexFrom(int index, int start) => index < 0 ? -1 : start + index;

    // A slice of the string, or the bytes widened into the buffer.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<char> Span(ref char[] buffer, int start, int length) =>
        _string is not null ? _string.AsSpan(start, length) : Copy(ref buffer, start, length);

    // The characters copied into the buffer (grown when short).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<char> Copy(ref char[] buffer, int start, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new char[Math.Max(length, 2 * buffer.Length)];
        }
        var chars = buffer.AsSpan(0, length);
        if (_string is not null)
        {
            _string.AsSpan(start, length).CopyTo(chars);
        }
        else
        {
            Ascii.ToUtf16(_ascii.AsSpan(start, length), chars, out _);
        }
        return chars;
    }
}
