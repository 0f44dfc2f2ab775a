namespace Bmcnn.Netlists;

/// <summary>
/// A netlist written as SPICE text, with the element names it was written under: SPICE decides the element type from
/// the first letter, so an element whose name starts with another letter is written with the letter prefixed (a
/// nonlinear conductor <c>x</c> becomes <c>bx</c>); the mapping turns simulator results back into our names.
/// </summary>
public sealed class SpiceDeck
{
    private readonly Dictionary<string, string> _toElement;

    /// <summary>Creates the deck.</summary>
    public SpiceDeck(string text, SpiceDialect dialect, IReadOnlyDictionary<string, string> spiceNames)
    {
        Text = text;
        Dialect = dialect;
        SpiceNames = spiceNames;
        _toElement = spiceNames.ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The SPICE text.</summary>
    public string Text { get; }

    /// <summary>The dialect it was written in.</summary>
    public SpiceDialect Dialect { get; }

    /// <summary>Our element name (lowercase) → the name written in the text.</summary>
    public IReadOnlyDictionary<string, string> SpiceNames { get; }

    /// <summary>Our element name for a name in the text (as a simulator prints it); unknown names come back unchanged.</summary>
    public string ElementName(string spiceName) =>
        _toElement.TryGetValue(spiceName, out var name) ? name : spiceName.ToLowerInvariant();
}
