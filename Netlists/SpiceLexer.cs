using System.Text;

namespace Bmcnn.Netlists;

/// <summary>
/// Turns SPICE text into cards: the first line is the title; <c>*</c> lines and <c>;</c> / <c>$</c> inline comments
/// are dropped; <c>+</c> lines continue the previous card; <c>.control</c>…<c>.endc</c> is skipped and <c>.end</c>
/// stops reading. Binary data and unbalanced parentheses are errors naming the line.
/// </summary>
internal static class SpiceLexer
{
    /// <summary>Splits <paramref name="text"/> into its title and cards.</summary>
    public static (string Title, List<SpiceCard> Cards) Read(string text, SpiceSource source)
    {
        var lines = text.Split('\n');
        var cards = new List<SpiceCard>();
        var title = "";
        var pending = new List<(string Text, int Line)>();
        var controlLine = 0;

        for (var index = 0; index < lines.Length; index++)
        {
            var number = index + 1;
            var raw = lines[index].TrimEnd('\r');
            CheckText(raw, number, source, isComment: raw.TrimStart().StartsWith('*') || index == 0 || controlLine > 0);
            if (index == 0)
            {
                title = raw.Trim();
                continue;
            }
            var line = StripComment(raw).Trim();
            // Control blocks are scripts for the simulator's interpreter, not circuit: skip them line by line.
            if (controlLine > 0)
            {
                if (FirstWord(line) == ".endc")
                {
                    controlLine = 0;
                }
                continue;
            }
            if (line.Length == 0 || line[0] == '*')
            {
                continue;
            }
            if (line[0] == '+')
            {
                if (pending.Count == 0)
                {
                    throw source.Error(number, "continuation line without a card before it", raw);
                }
                pending.Add((line[1..], number));
                continue;
            }
            if (pending.Count > 0 && Flush(pending, cards, source))
            {
                return (title, cards);
            }
            if (FirstWord(line) == ".control")
            {
                controlLine = number;
                continue;
            }
            pending.Add((line, number));
        }
        if (controlLine > 0)
        {
            throw source.Error(controlLine, "'.control' without '.endc'", ".control");
        }
        if (pending.Count > 0)
        {
            Flush(pending, cards, source);
        }
        return (title, cards);
    }

    private static string FirstWord(string line)
    {
        var end = 0;
        while (end < line.Length && !char.IsWhiteSpace(line[end]))
        {
            end++;
        }
        return line[..end].ToLowerInvariant();
    }

    // Tokenizes the pending card and adds it; returns true at '.end', which ends the circuit.
    private static bool Flush(List<(string Text, int Line)> pending, List<SpiceCard> cards, SpiceSource source)
    {
        var card = Tokenize(pending, source);
        pending.Clear();
        if (card is null)
        {
            return false;
        }
        if (card.Keyword == ".end")
        {
            return true;
        }
        cards.Add(card);
        return false;
    }

    private static void CheckText(string raw, int line, SpiceSource source, bool isComment)
    {
        foreach (var c in raw)
        {
            // Tabs, form feeds and vertical tabs are whitespace; any other control character means binary data.
            var control = char.IsControl(c) && c is not '\t' and not '\f' and not '\v';
            if (control || (c == '\uFFFD' && !isComment))
            {
                throw source.Error(line, $"binary data or invalid text (character 0x{(int)c:X2})", raw);
            }
        }
    }

    // ';' starts a comment anywhere; '$' only at the start or after whitespace (as in ngspice).
    private static string StripComment(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
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

    private static SpiceCard? Tokenize(List<(string Text, int Line)> parts, SpiceSource source)
    {
        var tokens = new List<SpiceToken>();
        var text = new StringBuilder();
        var current = new StringBuilder();
        var currentLine = 0;
        var nesting = new Stack<(char Open, int Line)>();

        void Emit()
        {
            if (current.Length > 0)
            {
                tokens.Add(new SpiceToken(current.ToString(), currentLine));
                current.Clear();
            }
        }

        foreach (var (part, line) in parts)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }
            text.Append(part.Trim());
            // A continuation line always separates words, except inside an open group.
            if (nesting.Count == 0)
            {
                Emit();
            }
            else
            {
                current.Append(' ');
            }
            foreach (var c in part)
            {
                if (nesting.Count > 0 && nesting.Peek().Open == '\'')
                {
                    current.Append(c);
                    if (c == '\'')
                    {
                        nesting.Pop();
                    }
                    continue;
                }
                switch (c)
                {
                    case '(' or '{':
                        if (current.Length == 0) currentLine = line;
                        nesting.Push((c, line));
                        current.Append(c);
                        continue;
                    case '\'':
                        if (current.Length == 0) currentLine = line;
                        nesting.Push((c, line));
                        current.Append(c);
                        continue;
                    case ')' or '}':
                        var open = c == ')' ? '(' : '{';
                        if (nesting.Count == 0 || nesting.Peek().Open != open)
                        {
                            throw source.Error(line, $"unbalanced parentheses: unexpected '{c}'", string.Join(" ", parts.Select(p => p.Text)));
                        }
                        nesting.Pop();
                        current.Append(c);
                        continue;
                }
                if (nesting.Count > 0)
                {
                    current.Append(c);
                }
                else if (char.IsWhiteSpace(c) || c == ',')
                {
                    Emit();
                }
                else if (c == '=')
                {
                    Emit();
                    tokens.Add(new SpiceToken("=", line));
                }
                else
                {
                    if (current.Length == 0) currentLine = line;
                    current.Append(c);
                }
            }
        }
        if (nesting.Count > 0)
        {
            var (open, line) = nesting.Peek();
            var what = open == '\'' ? "unterminated quote" : $"unbalanced parentheses: '{open}' is never closed";
            throw source.Error(line, what, text.ToString());
        }
        Emit();
        return tokens.Count == 0 ? null : new SpiceCard(parts[0].Line, text.ToString(), tokens);
    }
}
