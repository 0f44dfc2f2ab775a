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
}
