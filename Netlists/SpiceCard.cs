using System.Runtime.CompilerServices;

namespace Bmcnn.Netlists;

/// <summary>
/// A logical SPICE line (a card): the first physical line plus its <c>+</c> continuations, comments removed, split
/// into tokens. Parenthesized, braced and quoted groups stay one token; <c>=</c> outside them is a token of its own.
/// A one-line card is a range of the netlist text with its element letter (24 bytes, no tokens kept: <see cref="SpiceText"/> tokenizes it again
/// when asked); neither it nor its tokens copy characters until a string is asked for.
/// </summary>
internal readonly struct SpiceCard
{
    private readonly SpiceText _text;
    // A one-line card: its range of the text. A card with continuation lines: _length is ~(index of its joined text).
    private readonly int _start;
    private readonly int _length;

    /// <summary>
    /// A one-line card: the range start..+length of the netlist text, on <paramref name="line"/>, whose first token
    /// starts with <paramref name="first"/>.
    /// </summary>
    public SpiceCard(SpiceText text, int start, int length, int line, char first)
    {
        _text = text;
        _start = start;
        _length = length;
        Line = line;
        Letter = char.ToLowerInvariant(first);
    }

    /// <summary>A card with continuation lines, kept by <paramref name="text"/> at <paramref name="joined"/>.</summary>
    public SpiceCard(SpiceText text, int joined, int line, char first)
    {
        _text = text;
        _start = 0;
        _length = ~joined;
        Line = line;
        Letter = char.ToLowerInvariant(first);
    }

    /// <summary>The physical line where the card starts.</summary>
    public int Line { get; }

    /// <summary>The card's text with continuations joined, for messages.</summary>
    public string Text => _length >= 0 ? _text.Substring(_start, _length) : _text.Joined(~_length).Text;

    /// <summary>The number of tokens; never zero.</summary>
    public int Count => Tokens.Length;

    /// <summary>Token <paramref name="index"/>.</summary>
    public SpiceToken this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            // Tokens first: a one-line card's token buffer is the one it was just tokenized into.
            var range = Tokens[index];
            return new SpiceToken(Buffer, range.Start, range.Length, range.Line);
        }
    }

    /// <summary>The first token, lowercase (element name or dot-command); a new string each time.</summary>
    public string Keyword => Lowercase.Of(Head);

    /// <summary>The first character of the first token, lowercase: the element letter, or <c>.</c> for a command.</summary>
    public char Letter { get; }

    /// <summary>True when the first token is <paramref name="lowercase"/> in any letter case.</summary>
    public bool IsKeyword(string lowercase) =>
        lowercase.Length > 0 && Letter == lowercase[0] && Lowercase.Matches(Head, lowercase);

    private char[] Buffer => _length >= 0 ? _text.TokenChars : _text.Joined(~_length).Buffer;

    private ReadOnlySpan<SpiceTokenRange> Tokens =>
        _length >= 0 ? _text.Tokens(_start, _length, Line) : _text.Joined(~_length).Tokens;

    // The first token without tokenizing the card when it is a plain word at the start (every element and
    // dot-command card a program writes): the text is trimmed, so it starts the first token unless it is a comma.
    private ReadOnlySpan<char> Head
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get
        {
            if (_length >= 0)
            {
                var text = _text.Chars(_start, _length);
                if (text[0] is not (',' or '='))
                {
                    var end = 0;
                    while (end < text.Length)
                    {
                        var c = text[end];
                        if (char.IsWhiteSpace(c) || c is ',' or '=')
                        {
                            return text[..end];
                        }
                        if (c is '(' or ')' or '{' or '}' or '\'')
                        {
                            break;
                        }
                        end++;
                    }
                    if (end == text.Length)
                    {
                        return text;
                    }
                }
            }
            return this[0].Span;
        }
    }
}
