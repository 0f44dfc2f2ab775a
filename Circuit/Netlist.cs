using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit;

/// <summary>
/// A flat circuit description: named elements between named nodes. Node and element names are case-insensitive and
/// stored lowercase, as ngspice prints them; <c>0</c> (alias <c>gnd</c>) is ground.
/// </summary>
public sealed class Netlist
{
    private readonly List<Element> _elements = new();
    private readonly Dictionary<string, Element> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _nodes = new();
    private readonly HashSet<string> _nodeSet = new(StringComparer.Ordinal);

    /// <summary>Creates an empty netlist with a title (the first line of a SPICE file).</summary>
    public Netlist(string title = "bmcnn circuit") => Title = title;

    /// <summary>The title line.</summary>
    public string Title { get; set; }

    /// <summary>The elements, in insertion order.</summary>
    public IReadOnlyList<Element> Elements => _elements;

    /// <summary>The non-ground node names, lowercase, in order of first appearance.</summary>
    public IReadOnlyList<string> Nodes => _nodes;

    /// <summary>True for the ground node names <c>0</c> and <c>gnd</c>.</summary>
    public static bool IsGround(string node) => node == "0" || node.Equals("gnd", StringComparison.OrdinalIgnoreCase);

    /// <summary>The canonical spelling of a node name: lowercase, with every ground alias mapped to <c>0</c>.</summary>
    public static string Canonical(string node) => IsGround(node) ? "0" : node.ToLowerInvariant();

    /// <summary>Adds an element; its name must be unique (case-insensitive). Returns the element for chaining.</summary>
    /// <exception cref="BmcnnException">When an element of the same name exists.</exception>
    public T Add<T>(T element) where T : Element
    {
        ArgumentNullException.ThrowIfNull(element);
        if (!_byName.TryAdd(element.Name, element))
        {
            throw new BmcnnException($"duplicate element name '{element.Name}'");
        }
        _elements.Add(element);
        foreach (var node in element.Nodes)
        {
            if (node != "0" && _nodeSet.Add(node))
            {
                _nodes.Add(node);
            }
        }
        return element;
    }

    /// <summary>The element of that name (case-insensitive), or null.</summary>
    public Element? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>True when a non-ground node of that name exists.</summary>
    public bool HasNode(string node) => _nodeSet.Contains(Canonical(node));
}
