using System.Buffers;
using System.Text;
using System.Runtime.CompilerServices;

namespace Bmcnn.Netlists;

/// <summary>
/// Turns SPICE text into cards: the first line is the title; <c>*</c> lines and <c>;</c> / <c>$</c> inline comments
/// are dropped; <c>+</c> lines continue the previous card; <c>.control</c>…<c>.endc</c> is skipped and <c>.end</c>
/// stops reading. Binary data and unbalanced parentheses are errors naming the line.
/// </summary>
/// <remarks>
/// Large machine-written decks (a 256×256 crossbar is 200,000 lines) go through here, so the lexer works on spans of
/// the original text: a one-line card's tokens are ranges of it, stored in shared chunks, and nothing is copied
/// per line. Only a card with continuation lines gets its own joined text.
/// </remarks>
internal sealed class SpiceLexer
{
    // 8192 ranges of 12 bytes: each chunk lands on the large object heap, where the collector does not copy it.
    private const int ChunkSize = 8192;

    // Control characters other than tab, vertical tab and form feed mean binary data; U+FFFD (invalid UTF-8) too,
    // except in comments.
    private static readonly SearchValues<char> BadText = SearchValues.Create(BadCharacters());
    private static readonly SearchValues<char> CommentOrQuote = SearchValues.Create(";$'");

    private readonly string _text;
    private readonly SpiceSource _source;
    private readonly List<SpiceCard> _cards;
    private readonly List<SpiceTokenRange> _scratch = new();
    private readonly Stack<(char Open, int Line)> _nesting = new();
    private readonly List<(int Start, int Length, int Line)> _pending = new();
    private SpiceTokenRange[] _chunk = new SpiceTokenRange[ChunkSize];
    private int _chunkUsed;

    private SpiceLexer(string text, SpiceSource source)
    {
        _text = text;
        _source = source;
        // At most one card per line: sizing the list once spares a large deck the regrowth copies.
        _cards = new List<SpiceCard>(text.AsSpan().Count('\n') + 1);
    }

    /// <summary>Splits <paramref name="text"/> into its title and cards.</summary>
    public static (string Title, List<SpiceCard> Cards) Read(string text, SpiceSource source) =>
        new SpiceLexer(text, source).Run();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (string Title, List<SpiceCard> Cards) Run()
    {
        var text = _text;
        var title = "";
        var controlLine = 0;
        var lineStart = 0;
        for (var number = 1; ; number++)
        {
            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            var raw = text.AsSpan(lineStart, lineEnd - lineStart).TrimEnd('\r');
            var rawStart = lineStart;
            lineStart = lineEnd + 1;
            CheckText(raw, number, number == 1 || controlLine > 0);
            if (number == 1)
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
                        _pending.Add((start + 1, line.Length - 1, number));
                    }
                    else
                    {
                        if (_pending.Count > 0 && Flush())
                        {
                            return (title, _cards);
                        }
                        if (Lowercase.Matches(FirstWord(line), ".control"))
                        {
                            controlLine = number;
                        }
                        else
                        {
                            _pending.Add((start, line.Length, number));
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
        SpiceCard? card;
        if (_pending.Count == 1)
        {
            var (start, length, line) = _pending[0];
            card = Tokenize(_text, start, start + length, [start], [line], _text, start, length);
        }
        else
        {
            card = TokenizeJoined();
        }
        _pending.Clear();
        if (card is not { } found)
        {
            return false;
        }
        if (found.IsKeyword(".end"))
        {
            return true;
        }
        _cards.Add(found);
        return false;
    }

    // A card with continuation lines (rare in large decks): its own joined text.
    private SpiceCard? TokenizeJoined()
    {
        // The token buffer joins the parts with one space (a continuation separates words, except inside a
        // group); the card's text, for messages, joins the trimmed parts.
        var buffer = new StringBuilder();
        var text = new StringBuilder();
        var starts = new int[_pending.Count];
        var lines = new int[_pending.Count];
        for (var k = 0; k < _pending.Count; k++)
        {
            var (start, length, line) = _pending[k];
            var part = _text.AsSpan(start, length);
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
        var joined = buffer.ToString();
        var cardText = text.ToString();
        return Tokenize(joined, 0, joined.Length, starts, lines, cardText, 0, cardText.Length);
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

    // Splits buffer[start..end) into tokens; partStarts/partLines give the physical line of each stretch.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SpiceCard? Tokenize(string buffer, int start, int end, ReadOnlySpan<int> partStarts, ReadOnlySpan<int> partLines,
        string textBuffer, int textStart, int textLength)
    {
        var tokens = _scratch;
        var nesting = _nesting;
        tokens.Clear();
        nesting.Clear();
        var part = 0;
        var line = partLines[0];
        var tokenStart = -1;
        var tokenLine = 0;
        for (var i = start; i < end; i++)
        {
            while (part + 1 < partStarts.Length && i >= partStarts[part + 1])
            {
                part++;
                line = partLines[part];
            }
            var c = buffer[i];
            if (nesting.Count > 0 && nesting.Peek().Open == '\'')
            {
                if (c == '\'')
                {
                    nesting.Pop();
                }
                continue;
            }
            switch (c)
            {
                case '(' or '{' or '\'':
                    if (tokenStart < 0)
                    {
                        tokenStart = i;
                        tokenLine = line;
                    }
                    nesting.Push((c, line));
                    continue;
                case ')' or '}':
                    var open = c == ')' ? '(' : '{';
                    if (nesting.Count == 0 || nesting.Peek().Open != open)
                    {
                        throw _source.Error(line, $"unbalanced parentheses: unexpected '{c}'", buffer[start..end]);
                    }
                    nesting.Pop();
                    continue;
            }
            if (nesting.Count > 0)
            {
                continue;
            }
            if (char.IsWhiteSpace(c) || c == ',' || c == '=')
            {
                if (tokenStart >= 0)
                {
                    tokens.Add(new SpiceTokenRange(tokenStart, i - tokenStart, tokenLine));
                    tokenStart = -1;
                }
                if (c == '=')
                {
                    tokens.Add(new SpiceTokenRange(i, 1, line));
                }
            }
            else if (tokenStart < 0)
            {
                tokenStart = i;
                tokenLine = line;
            }
        }
        if (nesting.Count > 0)
        {
            var (open, openLine) = nesting.Peek();
            var what = open == '\'' ? "unterminated quote" : $"unbalanced parentheses: '{open}' is never closed";
            throw _source.Error(openLine, what, textBuffer.Substring(textStart, textLength));
        }
        if (tokenStart >= 0)
        {
            tokens.Add(new SpiceTokenRange(tokenStart, end - tokenStart, tokenLine));
        }
        if (tokens.Count == 0)
        {
            return null;
        }
        return new SpiceCard(partLines[0], buffer, Store(tokens), textBuffer, textStart, textLength);
    }

    // Copies a card's tokens into the current chunk (a new one when it is full): one array per few thousand tokens.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ArraySegment<SpiceTokenRange> Store(List<SpiceTokenRange> tokens)
    {
        var count = tokens.Count;
        if (_chunkUsed + count > _chunk.Length)
        {
            _chunk = new SpiceTokenRange[Math.Max(ChunkSize, count)];
            _chunkUsed = 0;
        }
        tokens.CopyTo(_chunk, _chunkUsed);
        var segment = new ArraySegment<SpiceTokenRange>(_chunk, _chunkUsed, count);
        _chunkUsed += count;
        return segment;
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
