namespace Bmcnn.Netlists;

/// <summary>One word of a SPICE card with the physical line it came from (continuation lines keep their own number).</summary>
internal readonly record struct SpiceToken(string Text, int Line)
{
    /// <summary>True when the token is the single character <paramref name="c"/>.</summary>
    public bool Is(char c) => Text.Length == 1 && Text[0] == c;

    /// <summary>True when the token equals <paramref name="word"/>, ignoring case.</summary>
    public bool Is(string word) => Text.Equals(word, StringComparison.OrdinalIgnoreCase);
}
