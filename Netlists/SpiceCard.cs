namespace Bmcnn.Netlists;

/// <summary>
/// A logical SPICE line (a card): the first physical line plus its <c>+</c> continuations, comments removed, split
/// into tokens. Parenthesized, braced and quoted groups stay one token; <c>=</c> outside them is a token of its own.
/// </summary>
internal sealed class SpiceCard
{
    public SpiceCard(int line, string text, IReadOnlyList<SpiceToken> tokens)
    {
        Line = line;
        Text = text;
        Tokens = tokens;
    }

    /// <summary>The physical line where the card starts.</summary>
    public int Line { get; }

    /// <summary>The card's text with continuations joined, for messages.</summary>
    public string Text { get; }

    /// <summary>The tokens; never empty.</summary>
    public IReadOnlyList<SpiceToken> Tokens { get; }

    /// <summary>The first token, lowercase (element name or dot-command).</summary>
    public string Keyword => Tokens[0].Text.ToLowerInvariant();
}
