using System.Text;

namespace Bmcnn.Netlists;

/// <summary>
/// Prepares a B-source expression from a card for the engine's parser: node names inside <c>V(…)</c> and source
/// names inside <c>I(…)</c> are mapped to their flattened names, parameters become numbers, SI-suffixed numbers are
/// written out (<c>2k</c> → <c>2000</c>), braces become parentheses and quotes vanish.
/// </summary>
internal static class BehavioralText
{
    /// <summary>Rewrites <paramref name="text"/>; throws <see cref="FormatException"/> for malformed probes or numbers.</summary>
    public static string Rewrite(string text, Func<string, string> node, Func<string, string> source, ParameterScope scope)
    {
        var sb = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'')
            {
                i++;
                continue;
            }
            if (c is '{' or '}')
            {
                sb.Append(c == '{' ? '(' : ')');
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
                while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
                var literal = text[start..i];
                if (!SpiceNumber.TryParse(literal, out var number))
                {
                    throw new FormatException($"bad number '{literal}'");
                }
                sb.Append(SpiceNumber.Format(number));
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                var word = text[start..i];
                var k = i;
                while (k < text.Length && char.IsWhiteSpace(text[k])) k++;
                var call = k < text.Length && text[k] == '(';
                if (call && (word is "v" or "V" or "i" or "I"))
                {
                    var close = text.IndexOf(')', k);
                    if (close < 0)
                    {
                        throw new FormatException($"'{word}(' is never closed");
                    }
                    var args = text[(k + 1)..close].Split(',');
                    if (args.Any(a => a.Trim().Length == 0) || args.Length > (word is "v" or "V" ? 2 : 1))
                    {
                        throw new FormatException($"bad probe '{text[start..(close + 1)]}'");
                    }
                    var mapped = word is "v" or "V" ? args.Select(a => node(a.Trim())) : args.Select(a => source(a.Trim()));
                    sb.Append(char.ToUpperInvariant(word[0])).Append('(').Append(string.Join(',', mapped)).Append(')');
                    i = close + 1;
                    continue;
                }
                if (!call && scope.Lookup(word) is { } value)
                {
                    sb.Append('(').Append(SpiceNumber.Format(value)).Append(')');
                    continue;
                }
                sb.Append(word);
                continue;
            }
            sb.Append(c);
            i++;
        }
        return sb.ToString();
    }
}
