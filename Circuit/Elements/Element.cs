namespace Bmcnn.Circuit.Elements;

/// <summary>
/// A circuit element: a unique name (its first letter is the SPICE element letter) and the nodes it connects.
/// Elements are plain descriptions; analyses compile them into matrix stamps.
/// </summary>
public abstract class Element
{
    /// <summary>Creates the element; names and nodes are stored in canonical lowercase form.</summary>
    protected Element(string name, params string[] nodes)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace))
        {
            throw new BmcnnException($"invalid element name '{name}'");
        }
        Name = name.ToLowerInvariant();
        foreach (var node in nodes)
        {
            if (string.IsNullOrWhiteSpace(node) || node.Any(char.IsWhiteSpace))
            {
                throw new BmcnnException($"element '{name}': invalid node name '{node}'");
            }
        }
        Nodes = Array.ConvertAll(nodes, Netlist.Canonical);
    }

    /// <summary>The element name, lowercase (for example <c>r1</c>, <c>v_in3</c>, <c>x1.r2</c> after flattening).</summary>
    public string Name { get; }

    /// <summary>The connected nodes, canonical lowercase; ground is <c>0</c>.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>Throws unless the value is finite.</summary>
    protected static double Finite(string element, string field, double value) =>
        double.IsFinite(value) ? value : throw new BmcnnException($"element '{element}': {field} must be a finite number, got {value}");
}
