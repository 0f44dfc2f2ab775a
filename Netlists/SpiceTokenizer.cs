using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Bmcnn.Netlists;

/// <summary>
/// Splits a card's text into tokens: parenthesized, braced and quoted groups stay one token; whitespace and commas
/// separate; <c>=</c> outside groups is a token of its own. Unbalanced groups are errors naming the line. The tokens of
/// the last call are kept in one reused buffer.
/// </summary>
internal sealed class SpiceTokenizer
{
    private static readonly SearchValues<char> Groups = SearchValues.Create("(){}'");

    private readonly SpiceSource _source;
    private readonly List<SpiceTokenRange> _tokens = new();
    private readonly Stack<(char Open, int Line)> _nesting = new();

    public SpiceTokenizer(SpiceSource source) => _source = source;

    /// <summary>The tokens found by the last <see cref="Tokenize"/>.</summary>
    public ReadOnlySpan<SpiceTokenRange> Tokens => CollectionsMarshal.AsSpan(_tokens);

    // The tokens of a one-line card without brackets or quotes (nearly every card of a large deck): words separated by
    // whitespace, commas and '=', which is a token of its own; the general loop below gives the same for such a card.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int TokenizeWords(ReadOnlySpan<char> buffer, int line)
    {
        var tokens = _tokens;
        tokens.Clear();
        var tokenStart = -1;
        for (var i = 0; i < buffer.Length; i++)
        {
            var c = buffer[i];
            if (c is ',' or '=' || char.IsWhiteSpace(c))
            {
                if (tokenStart >= 0)
                {
                    tokens.Add(new SpiceTokenRange(tokenStart, i - tokenStart, line));
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
            }
        }
        if (tokenStart >= 0)
        {
            tokens.Add(new SpiceTokenRange(tokenStart, buffer.Length - tokenStart, line));
        }
        return tokens.Count;
    }

    /// <summary>
    /// Tokenizes <paramref name="buffer"/> into ranges of it; partStarts/partLines give the physical line of each
    /// stretch; an unclosed group is reported with <paramref name="text"/>. Returns the number of tokens.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Tokenize(ReadOnlySpan<char> buffer, ReadOnlySpan<int> partStarts, ReadOnlySpan<int> partLines,
        ReadOnlySpan<char> text)
    {
        if (partStarts.Length == 1 && !buffer.ContainsAny(Groups))
        {
            return TokenizeWords(buffer, partLines[0]);
        }
        const int start = 0;
        var end = buffer.Length;
        var tokens = _tokens;
        var nesting = _nesting;
        tokens.Clear();
        nesting.Clear();
        var part = 0;
        var line = partLines[0];
        var tokenStart = -1;
        var tokenLine = 0;
        // The innermost open group ('\0' outside any), kept in a local: the stack is only touched at brackets.
        var open = '\0';
        for (var i = start; i < end; i++)
        {
            while (part + 1 < partStarts.Length && i >= partStarts[part + 1])
            {
                part++;
                line = partLines[part];
            }
            var c = buffer[i];
            if (open == '\'')
            {
                if (c == '\'')
                {
                    nesting.Pop();
                    open = nesting.Count > 0 ? nesting.Peek().Open : '\0';
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
                    open = c;
                    continue;
                case ')' or '}':
                    if (open != (c == ')' ? '(' : '{'))
                    {
                        throw _source.Error(line, $"unbalanced parentheses: unexpected '{c}'", buffer.ToString());
                    }
                    nesting.Pop();
                    open = nesting.Count > 0 ? nesting.Peek().Open : '\0';
                    continue;
            }
            if (open != '\0')
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
            var (innermost, openLine) = nesting.Peek();
            var what = innermost == '\'' ? "unterminated quote" : $"unbalanced parentheses: '{innermost}' is never closed";
            throw _source.Error(openLine, what, text.ToString());
        }
        if (tokenStart >= 0)
        {
            tokens.Add(new SpiceTokenRange(tokenStart, end - tokenStart, tokenLine));
        }
        return tokens.Count;
    }
}
