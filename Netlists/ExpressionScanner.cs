namespace Bmcnn.Netlists;

/// <summary>The kinds of words in a SPICE arithmetic expression.</summary>
internal enum ExpressionTokenKind
{
    Number,
    Identifier,
    Operator,
}

/// <summary>A word of a SPICE arithmetic expression.</summary>
internal readonly record struct ExpressionToken(ExpressionTokenKind Kind, string Text);

/// <summary>
/// Splits SPICE expression text (<c>.param</c> values, <c>{…}</c> groups, B-source expressions) into numbers (with
/// SI suffixes, e.g. <c>2.2k</c>), identifiers (which may contain <c>.</c>, <c>_</c>, <c>#</c> as node names do) and operators.
/// </summary>
internal static class ExpressionScanner
{
    private static readonly string[] TwoCharOperators = ["**", "==", "!=", "<=", ">=", "&&", "||"];

    /// <summary>Scans the text; throws <see cref="FormatException"/> on a character no expression contains.</summary>
    public static List<ExpressionToken> Scan(string text)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
                if (i < text.Length && text[i] is 'e' or 'E')
                {
                    var j = i + 1;
                    if (j < text.Length && text[j] is '+' or '-') j++;
                    if (j < text.Length && char.IsAsciiDigit(text[j]))
                    {
                        i = j;
                        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                    }
                }
                // Scale factor and unit letters belong to the number.
                while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Number, text[start..i]));
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.' or '#')) i++;
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Identifier, text[start..i]));
                continue;
            }
            if (i + 1 < text.Length && Array.IndexOf(TwoCharOperators, text.Substring(i, 2)) >= 0)
            {
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Operator, text.Substring(i, 2)));
                i += 2;
                continue;
            }
            if ("+-*/^(),?:<>!{}".Contains(c))
            {
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Operator, c.ToString()));
                i++;
                continue;
            }
            throw new FormatException($"unexpected character '{c}' in expression");
        }
        return tokens;
    }
}
