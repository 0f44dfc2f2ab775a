using System.Runtime.CompilerServices;

namespace Bmcnn.Netlists;

/// <summary>
/// The netlist text that one-line cards are views of, and the tokens of the card last asked for. The lexer checks every
/// card once and keeps no tokens; a card is tokenized again when the elaborator reads it, so a 200,000-card deck holds
/// its text and a small record per card, not an array of token ranges. Cards with continuation lines (rare) keep their
/// own joined text and tokens.
/// </summary>
internal sealed class SpiceText
{
    private readonly List<JoinedCard> _joined = new();
    private readonly SpiceTokenizer _tokenizer;
    private int _cachedStart = -1;

    public SpiceText(string text, SpiceSource source)
    {
        Text = text;
        _tokenizer = new SpiceTokenizer(source);
    }

    /// <summary>The whole netlist text.</summary>
    public string Text { get; }

    /// <summary>A card with continuation lines: its joined text, the text shown in messages, and its tokens.</summary>
    public sealed record JoinedCard(string Buffer, string Text, SpiceTokenRange[] Tokens);

    /// <summary>Keeps a joined card; returns its index.</summary>
    public int AddJoined(JoinedCard card)
    {
        _joined.Add(card);
        return _joined.Count - 1;
    }

    /// <summary>The joined card at <paramref name="index"/>.</summary>
    public JoinedCard Joined(int index) => _joined[index];

    /// <summary>The tokens of the one-line card Text[start..start+length) on <paramref name="line"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<SpiceTokenRange> Tokens(int start, int length, int line)
    {
        if (start != _cachedStart)
        {
            // The lexer has tokenized this card without error, so this cannot throw.
            _cachedStart = -1;
            _tokenizer.Tokenize(Text, start, start + length, [start], [line], Text, start, length);
            _cachedStart = start;
        }
        return _tokenizer.Tokens;
    }
}
