namespace Bmcnn.Netlists;

/// <summary>
/// A logical SPICE line (a card): the first physical line plus its <c>+</c> continuations, comments removed, split
/// into tokens. Parenthesized, braced and quoted groups stay one token; <c>=</c> outside them is a token of its own.
/// A card is a view into the netlist text: neither it nor its tokens copy characters until a string is asked for.
/// </summary>
internal readonly struct SpiceCard
{
    private readonly string _buffer;
    private readonly ArraySegment<SpiceTokenRange> _tokens;
    private readonly string _textBuffer;
    private readonly int _textStart;
    private readonly int _textLength;

    /// <summary>
    /// Creates the card. Token ranges index <paramref name="buffer"/>; the card's text for messages is the range
    /// <paramref name="textStart"/>..+<paramref name="textLength"/> of <paramref name="textBuffer"/>.
    /// </summary>
    public SpiceCard(int line, string buffer, ArraySegment<SpiceTokenRange> tokens, string textBuffer, int textStart, int textLength)
    {
        Line = line;
        _buffer = buffer;
        _tokens = tokens;
        _textBuffer = textBuffer;
        _textStart = textStart;
        _textLength = textLength;
    }

    /// <summary>The physical line where the card starts.</summary>
    public int Line { get; }

    /// <summary>The card's text with continuations joined, for messages.</summary>
    public string Text => _textBuffer.Substring(_textStart, _textLength);

    /// <summary>The number of tokens; never zero.</summary>
    public int Count => _tokens.Count;

    /// <summary>Token <paramref name="index"/>.</summary>
    public SpiceToken this[int index]
    {
        get
        {
            var range = _tokens[index];
            return new SpiceToken(_buffer, range.Start, range.Length, range.Line);
        }
    }

    /// <summary>The first token, lowercase (element name or dot-command); a new string each time.</summary>
    public string Keyword => Lowercase.Of(this[0].Span);

    /// <summary>The first character of the first token, lowercase: the element letter, or <c>.</c> for a command.</summary>
    public char Letter => char.ToLowerInvariant(_buffer[_tokens[0].Start]);

    /// <summary>True when the first token is <paramref name="lowercase"/> in any letter case.</summary>
    public bool IsKeyword(string lowercase) => Lowercase.Matches(this[0].Span, lowercase);
}
