using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Elements;

/// <summary>
/// A circuit element: a unique name (its first letter is the SPICE element letter) and the nodes it connects.
/// Elements are plain descriptions; analyses compile them into matrix stamps.
/// </summary>
public abstract class Element
{
    // The first node, and the second (two terminals) or all of them (more): see NodeList.
    private readonly string _firstNode;
    private readonly object _restNodes;

    /// <summary>Creates the element; names and nodes are stored in canonical lowercase form.</summary>
    protected Element(string name, params string[] nodes)
    {
        Name = CanonicalName(name);
        var canonical = new string[nodes.Length];
        for (var k = 0; k < nodes.Length; k++)
        {
            canonical[k] = CanonicalNode(name, nodes[k]);
        }
        if (canonical.Length == 2)
        {
            (_firstNode, _restNodes) = (canonical[0], canonical[1]);
        }
        else
        {
            (_firstNode, _restNodes) = (canonical.Length > 0 ? canonical[0] : "", canonical);
        }
    }

    /// <summary>
    /// Creates a two-terminal element (no argument array, and no node array: large netlists make these by the hundred
    /// thousand).
    /// </summary>
    protected Element(string name, string a, string b)
    {
        Name = CanonicalName(name);
        _firstNode = CanonicalNode(name, a);
        _restNodes = CanonicalNode(name, b);
    }

    /// <summary>The element name, lowercase (for example <c>r1</c>, <c>v_in3</c>, <c>x1.r2</c> after flattening).</summary>
    public string Name { get; }

    /// <summary>The connected nodes, canonical lowercase; ground is <c>0</c>.</summary>
    public NodeList Nodes => new(_firstNode, _restNodes);

    /// <summary>Throws unless the value is finite.</summary>
    protected static double Finite(string element, string field, double value) =>
        double.IsFinite(value) ? value : throw new BmcnnException($"element '{element}': {field} must be a finite number, got {value}");

    // A name already lowercase printable ASCII (every name a reader or builder passes) is canonical as it is: one scan.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string CanonicalName(string name) =>
        IsPlainLowercase(name) ? name
        : string.IsNullOrEmpty(name) || HasWhiteSpace(name)
            ? throw new BmcnnException($"invalid element name '{name}'")
            : name.ToLowerInvariant();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string CanonicalNode(string element, string node) =>
        IsPlainLowercase(node) ? (node is "0" or "gnd" ? "0" : node)
        : string.IsNullOrEmpty(node) || HasWhiteSpace(node)
            ? throw new BmcnnException($"element '{element}': invalid node name '{node}'")
            : Netlist.Canonical(node);

    // True for a non-empty string of printable ASCII characters (no spaces) other than uppercase letters.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsPlainLowercase(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        foreach (var c in text)
        {
            if ((uint)(c - '!') > '~' - '!' || (uint)(c - 'A') <= 'Z' - 'A')
            {
                return false;
            }
        }
        return true;
    }

    // A plain loop, no enumerator: this runs for every element of a large netlist.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasWhiteSpace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }
        return false;
    }
}
