using Bmcnn.Circuit.Elements;
using System.Runtime.CompilerServices;

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
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _nodeBySpan;

    /// <summary>Creates an empty netlist with a title (the first line of a SPICE file).</summary>
    public Netlist(string title = "bmcnn circuit")
    {
        Title = title;
        _nodeBySpan = _nodeSet.GetAlternateLookup<ReadOnlySpan<char>>();
    }

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

    /// <summary>
    /// Makes room for <paramref name="elements"/> elements (and as many nodes) without regrowing the indexes; readers
    /// of large netlists call it with the number of cards.
    /// </summary>
    public void EnsureCapacity(int elements)
    {
        _elements.EnsureCapacity(elements);
        _byName.EnsureCapacity(elements);
        _nodes.EnsureCapacity(elements);
        _nodeSet.EnsureCapacity(elements);
    }

    /// <summary>Adds an element; its name must be unique (case-insensitive). Returns the element for chaining.</summary>
    /// <exception cref="BmcnnException">When an element of the same name exists.</exception>
    public T Add<T>(T element) where T : Element => Add(element, 0);

    /// <summary>
    /// <see cref="Add{T}(T)"/> for a reader that has just looked the nodes up (<see cref="FindNode"/>): bit k of
    /// <paramref name="knownNodes"/> says node k is a node of this netlist already, so the node set is not probed again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal T Add<T>(T element, int knownNodes) where T : Element
    {
        ArgumentNullException.ThrowIfNull(element);
        if (!_byName.TryAdd(element.Name, element))
        {
            throw new BmcnnException($"duplicate element name '{element.Name}'");
        }
        _elements.Add(element);
        var nodes = element.Nodes;
        for (var k = 0; k < nodes.Count; k++)
        {
            if ((knownNodes & (1 << k)) != 0)
            {
                continue;
            }
            var node = nodes[k];
            if (node != "0" && _nodeSet.Add(node))
            {
                _nodes.Add(node);
            }
        }
        return element;
    }

    /// <summary>The element of that name (case-insensitive), or null.</summary>
    public Element? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// The stored name of the non-ground node spelled <paramref name="canonical"/> (already lowercase), or null: lets a
    /// reader of a large netlist share one string per node instead of making one per mention.
    /// </summary>
    public string? FindNode(ReadOnlySpan<char> canonical) => _nodeBySpan.TryGetValue(canonical, out var node) ? node : null;

    /// <summary>True when a non-ground node of that name exists.</summary>
    public bool HasNode(string node) => _nodeSet.Contains(Canonical(node));
}
