namespace Bmcnn.Netlists;

/// <summary>
/// <c>.include FILE</c> (also <c>.inc</c>): the card is replaced by the file's cards, as ngspice does, wherever it
/// stands (inside a <c>.subckt</c> too). A relative name is read from the including file's folder; included files may
/// include others; a file that includes itself, directly or not, is an error, and so is a missing one (naming the
/// including file and line).
/// </summary>
internal static class SpiceIncludes
{
    /// <summary>The cards with every <c>.include</c> expanded; the list itself when there is none.</summary>
    public static List<SpiceCard> Expand(List<SpiceCard> cards, SpiceSource source, string path)
    {
        if (!cards.Exists(IsInclude))
        {
            return cards;
        }
        var result = new List<SpiceCard>(cards.Count);
        Expand(cards, source, path, [Path.GetFullPath(path)], result);
        return result;
    }

    private static bool IsInclude(SpiceCard card) =>
        card.Letter == '.' && (card.IsKeyword(".include") || card.IsKeyword(".inc"));

    private static void Expand(List<SpiceCard> cards, SpiceSource source, string path, List<string> chain, List<SpiceCard> result)
    {
        foreach (var card in cards)
        {
            if (!IsInclude(card))
            {
                result.Add(card);
                continue;
            }
            if (card.Count != 2)
            {
                throw source.Error(card.Line, "expected one file name (.include FILE)", card.Text);
            }
            var name = card[1].Text.Trim('"', '\'');
            var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            var included = Path.IsPathRooted(name) ? name : Path.Combine(folder, name);
            var full = Path.GetFullPath(included);
            if (!File.Exists(full))
            {
                throw source.Error(card.Line, $"included file not found: {full}", card.Text);
            }
            if (chain.Contains(full))
            {
                throw source.Error(card.Line, $"{name} includes itself (through {string.Join(" -> ", chain.Select(Path.GetFileName))})", card.Text);
            }
            SpiceText text;
            try
            {
                text = SpiceReader.Load(full, source);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw source.Error(card.Line, $"cannot read included file {full} ({e.Message})", card.Text);
            }
            if (text.LineCount() >= SpiceSource.LinesPerFile)
            {
                throw source.Error(card.Line, $"included file {full} has more than {SpiceSource.LinesPerFile - 1} lines", card.Text);
            }
            var first = source.AddFile(included);
            chain.Add(full);
            Expand(SpiceLexer.ReadIncluded(text, source, first), source, included, chain, result);
            chain.RemoveAt(chain.Count - 1);
        }
    }
}
