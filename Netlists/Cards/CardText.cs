namespace Bmcnn.Netlists.Cards;

/// <summary>Small readings of card words shared by the card builders.</summary>
internal static class CardText
{
    /// <summary>The part of a word before its first '(' (<c>SIN(0 1 1k)</c> → <c>SIN</c>), or the whole word.</summary>
    public static ReadOnlySpan<char> FunctionName(ReadOnlySpan<char> text)
    {
        var paren = text.IndexOf('(');
        return paren >= 0 ? text[..paren] : text;
    }

    /// <summary>
    /// The words of a parenthesized group's content (<c>(0 1, 2n {a*2})</c> → <c>0</c>, <c>1</c>, <c>2n</c>,
    /// <c>{a*2}</c>): split on whitespace and commas outside braces and quotes.
    /// </summary>
    public static List<string> GroupWords(string text)
    {
        var inner = text.Trim();
        if (inner.StartsWith('('))
        {
            inner = inner[1..];
        }
        if (inner.EndsWith(')'))
        {
            inner = inner[..^1];
        }
        var words = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = -1;
        for (var k = 0; k <= inner.Length; k++)
        {
            var c = k < inner.Length ? inner[k] : ' ';
            var separator = depth == 0 && !quoted && (char.IsWhiteSpace(c) || c == ',');
            if (separator)
            {
                if (start >= 0)
                {
                    words.Add(inner[start..k]);
                    start = -1;
                }
                continue;
            }
            if (start < 0)
            {
                start = k;
            }
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth--;
            }
        }
        return words;
    }
}
