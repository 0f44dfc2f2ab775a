namespace Bmcnn.Netlists;

/// <summary>
/// A <c>.subckt</c> … <c>.ends</c> block as read: its pins, default parameters and unexpanded cards. Definitions nest;
/// a nested one is visible only inside its parent, as in ngspice. The file's top level is the root definition.
/// </summary>
internal sealed class SubcircuitDefinition
{
    public SubcircuitDefinition(string name, int line, IReadOnlyList<string> pins, IReadOnlyList<SpiceAssignment> defaults,
        SubcircuitDefinition? parent, List<SpiceCard>? cards = null)
    {
        Cards = cards ?? new();
        Name = name;
        Line = line;
        Pins = pins;
        Defaults = defaults;
        Parent = parent;
    }

    /// <summary>Lowercase name; empty for the top level.</summary>
    public string Name { get; }

    /// <summary>The line of the <c>.subckt</c> card.</summary>
    public int Line { get; }

    /// <summary>Pin names, lowercase, in order.</summary>
    public IReadOnlyList<string> Pins { get; }

    /// <summary>Default parameter values from the <c>.subckt</c> line.</summary>
    public IReadOnlyList<SpiceAssignment> Defaults { get; }

    /// <summary>The enclosing definition (null at the top level).</summary>
    public SubcircuitDefinition? Parent { get; }

    /// <summary>Element, instance and dot cards of the body, nested definitions removed.</summary>
    public List<SpiceCard> Cards { get; }

    /// <summary>Definitions nested directly inside this one, by lowercase name.</summary>
    public Dictionary<string, SubcircuitDefinition> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>The definition of that name visible from here (own children first, then the enclosing scopes).</summary>
    public SubcircuitDefinition? Resolve(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.Children.TryGetValue(name, out var found))
            {
                return found;
            }
        }
        return null;
    }
}
