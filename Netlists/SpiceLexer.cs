using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Bmcnn.Netlists;

/// <summary>
/// Turns SPICE text into cards: the first line is the title; <c>*</c> lines and <c>;</c> / <c>$</c> inline comments
/// are dropped; <c>+</c> lines continue the previous card; <c>.control</c>…<c>.endc</c> is skipped and <c>.end</c>
/// stops reading. Binary data and unbalanced parentheses are errors naming the line.
/// </summary>
/// <remarks>
/// Large machine-written decks (a 256×256 crossbar is 200,000 lines) go through here, so the lexer works on spans of
/// the original text: a one-line card is a range of it, checked here and tokenized again when read (see
/// <see cref="SpiceText"/>), and nothing is copied per line. Only a card with continuation lines gets its own joined
/// text and token array.
/// </remarks>
internal sealed class SpiceLexer
{
    // Control characters other than tab, vertical tab and form feed mean binary data; U+FFFD (invalid UTF-8) too,
    // except in comments.
    private static readonly SearchValues<char> BadText = SearchValues.Create(BadCharacters());
    private static readonly SearchValues<char> CommentOrQuote = SearchValues.Create(";$'");
    private static readonly SearchValues<char> Groups = SearchValues.Create("(){}'");

    private readonly SpiceSource _source;
    private readonly List<SpiceCard> _cards;
    private readonly SpiceText _spiceText;
    private readonly SpiceTokenizer _joinedTokenizer;
    // The physical lines of the card being read; First is the first character of a one-line card without brackets or
    // quotes that does not start with a comma (such a card has a token and cannot be unbalanced), '\0' otherwise.
    private readonly List<(int Start, int Length, int Line, char First)> _pending = new();

    // The number of the text's first line (lines of an included file are numbered in their own block, see
    // SpiceSource), and whether that line is a title (the top file's) or a card (an included file's).
    private readonly int _firstLine;
    private readonly bool _hasTitle;

    private SpiceLexer(SpiceText text, SpiceSource source, int lines, int firstLine, bool hasTitle)
    {
        _firstLine = firstLine;
        _hasTitle = hasTitle;
        _source = source;
        _spiceText = text;
        _joinedTokenizer = new SpiceTokenizer(source);
        // At most one card per line: sizing the list once spares a large deck the regrowth copies.
        _cards = new List<SpiceCard>(lines);
    }

    /// <summary>
    /// Splits <paramref name="text"/> into its title and cards; <paramref name="lines"/> (at least the number of lines,
    /// or 0) sizes the card list.
    /// </summary>
    public static (string Title, List<SpiceCard> Cards) Read(SpiceText text, SpiceSource source, int lines) =>
        new SpiceLexer(text, source, lines, 1, hasTitle: true).Run();

    /// <summary>
    /// The cards of an included file: no title line, lines numbered from <paramref name="firstLine"/> (its block in
    /// <paramref name="source"/>).
    /// </summary>
    public static List<SpiceCard> ReadIncluded(SpiceText text, SpiceSource source, int firstLine) =>
        new SpiceLexer(text, source, text.LineCount(), firstLine, hasTitle: false).Run().Cards;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (string Title, List<SpiceCard> Cards) Run()
    {
        var text = _spiceText;
        var title = "";
        var controlLine = 0;
        var lineStart = 0;
        for (var number = _firstLine; ; number++)
        {
            var newline = text.IndexOfNewline(lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            var raw = text.Line(lineStart, lineEnd - lineStart).TrimEnd('\r');
            var rawStart = lineStart;
            lineStart = lineEnd + 1;
            var isTitle = _hasTitle && number == _firstLine;
            CheckText(raw, number, isTitle || controlLine > 0);
            if (isTitle)
            {
                title = raw.Trim().ToString();
            }
            else
            {
                var stripped = StripComment(raw);
                var trimmed = stripped.TrimStart();
                var start = rawStart + (stripped.Length - trimmed.Length);
                var line = trimmed.TrimEnd();
                // Control blocks are scripts for the simulator's interpreter, not circuit: skip them line by line.
                if (controlLine > 0)
                {
                    if (Lowercase.Matches(FirstWord(line), ".endc"))
                    {
                        controlLine = 0;
                    }
                }
                else if (line.Length > 0 && line[0] != '*')
                {
                    if (line[0] == '+')
                    {
                        if (_pending.Count == 0)
                        {
                            throw _source.Error(number, "continuation line without a card before it", raw.ToString());
                        }
                        _pending.Add((start + 1, line.Length - 1, number, '\0'));
                    }
                    else
                    {
                        if (_pending.Count > 0 && Flush())
                        {
                            return (title, _cards);
                        }
                        if (line[0] == '.' && Lowercase.Matches(FirstWord(line), ".control"))
                        {
                            controlLine = number;
                        }
                        else
                        {
                            var simple = line[0] != ',' && !line.ContainsAny(Groups);
                            _pending.Add((start, line.Length, number, simple ? line[0] : '\0'));
                        }
                    }
                }
            }
            if (newline < 0)
            {
                break;
            }
        }
        if (controlLine > 0)
        {
            throw _source.Error(controlLine, "'.control' without '.endc'", ".control");
        }
        if (_pending.Count > 0)
        {
            Flush();
        }
        return (title, _cards);
    }

    private static ReadOnlySpan<char> FirstWord(ReadOnlySpan<char> line)
    {
        var end = 0;
        while (end < line.Length && !char.IsWhiteSpace(line[end]))
        {
            end++;
        }
        return line[..end];
    }

    // Tokenizes the pending card and adds it; returns true at '.end', which ends the circuit.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Flush()
    {
        SpiceCard card;
        var (start, length, line, first) = _pending[0];
        if (_pending.Count == 1)
        {
            // Only groups can be unbalanced, and a trimmed line not starting with a comma has a token: a line without
            // brackets or quotes (nearly every line of a large deck) needs no tokenizing here. Others are tokenized
            // to check them; cards keep no tokens either way.
            _pending.Clear();
            if (first == '\0')
            {
                var tokens = _spiceText.Tokens(start, length, line);
                if (tokens.Length == 0)
                {
                    return false;
                }
                first = _spiceText.TokenChars[tokens[0].Start];
            }
            card = new SpiceCard(_spiceText, start, length, line, first);
        }
        else
        {
            var joined = TokenizeJoined();
            _pending.Clear();
            if (joined is null)
            {
                return false;
            }
            card = new SpiceCard(_spiceText, _spiceText.AddJoined(joined), line, joined.Buffer[joined.Tokens[0].Start]);
        }
        if (card.Letter == '.' && card.IsKeyword(".end"))
        {
            return true;
        }
        _cards.Add(card);
        return false;
    }

    // A card with continuation lines (rare in large decks): its own joined text and tokens.
    private SpiceText.JoinedCard? TokenizeJoined()
    {
        // The token buffer joins the parts with one space (a continuation separates words, except inside a
        // group); the card's text, for messages, joins the trimmed parts.
        var buffer = new StringBuilder();
        var text = new StringBuilder();
        var starts = new int[_pending.Count];
        var lines = new int[_pending.Count];
        for (var k = 0; k < _pending.Count; k++)
        {
            var (start, length, line, _) = _pending[k];
            var part = _spiceText.Chars(start, length);
            if (k > 0)
            {
                buffer.Append(' ');
                text.Append(' ');
            }
            starts[k] = buffer.Length;
            lines[k] = line;
            buffer.Append(part);
            text.Append(part.Trim());
        }
        var joined = new char[buffer.Length];
        buffer.CopyTo(0, joined, buffer.Length);
        var cardText = text.ToString();
        var count = _joinedTokenizer.Tokenize(joined, starts, lines, cardText);
        return count == 0 ? null : new SpiceText.JoinedCard(joined, cardText, _joinedTokenizer.Tokens.ToArray());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckText(ReadOnlySpan<char> raw, int line, bool inComment)
    {
        var at = raw.IndexOfAny(BadText);
        while (at >= 0)
        {
            var c = raw[at];
            var isComment = inComment || raw.TrimStart().StartsWith('*');
            if (c != '\uFFFD' || !isComment)
            {
                throw _source.Error(line, $"binary data or invalid text (character 0x{(int)c:X2})", raw.ToString());
            }
            var next = raw[(at + 1)..].IndexOfAny(BadText);
            at = next < 0 ? -1 : at + 1 + next;
        }
    }

    // ';' starts a comment anywhere; '$' only at the start or after whitespace (as in ngspice).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<char> StripComment(ReadOnlySpan<char> line)
    {
        var first = line.IndexOfAny(CommentOrQuote);
        if (first < 0)
        {
            return line;
        }
        var quoted = false;
        for (var i = first; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == ';' || (c == '$' && (i == 0 || char.IsWhiteSpace(line[i - 1])))))
            {
                return line[..i];
            }
        }
        return line;
    }

    private static string BadCharacters()
    {
        var chars = new StringBuilder();
        for (var c = '\0'; c <= '\x9F'; c++)
        {
            if (char.IsControl(c) && c is not '\t' and not '\f' and not '\v')
            {
                chars.Append(c);
            }
        }
        return chars.Append('\uFFFD').ToString();
    }
}
