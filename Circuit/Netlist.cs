using System.Runtime.CompilerServices;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit;

/// <summary>
/// A flat circuit description: named elements between named nodes. Node and element names are case-insensitive and
/// stored lowercase, as ngspice prints them; <c>0</c> (alias <c>gnd</c>) is ground.
/// </summary>
public sealed class Netlist
{
    private readonly List<Element> _elements = new();
    private readonly List<string> _nodes = new();
    // Element names (case-insensitive) and node names (ordinal) by position in the lists above: compact indexes,
    // since a reader of a large netlist passes every element and every node mention through them.
    private NameSlots _elementSlots;
    private NameSlots _nodeSlots;

    /// <summary>Creates an empty netlist with a title (the first line of a SPICE file).</summary>
    public Netlist(string title = "bmcnn circuit") => Title = title;

    /// <summary>The title line.</summary>
    public string Title { get; set; }

    /// <summary>
    /// Initial node voltages (SPICE <c>.ic V(node)=value</c>), by canonical node name: held during a transient analysis's
    /// initial operating point, or taken as the starting state with UIC.
    /// </summary>
    public Dictionary<string, double> InitialConditions { get; } = new(StringComparer.Ordinal);

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
        _elementSlots.EnsureCapacity(elements);
        _nodes.EnsureCapacity(elements);
        _nodeSlots.EnsureCapacity(elements);
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
        var name = element.Name;
        var hash = ElementHash(name);
        if (ElementPosition(name, hash) >= 0)
        {
            throw new BmcnnException($"duplicate element name '{name}'");
        }
        _elementSlots.Add(hash, _elements.Count);
        _elements.Add(element);
        var nodes = element.Nodes;
        for (var k = 0; k < nodes.Count; k++)
        {
            if (k < 32 && (knownNodes & (1 << k)) != 0)
            {
                continue;
            }
            var node = nodes[k];
            if (node != "0")
            {
                var nodeHash = NodeHash(node);
                if (NodePosition(node, nodeHash) < 0)
                {
                    _nodeSlots.Add(nodeHash, _nodes.Count);
                    _nodes.Add(node);
                }
            }
        }
        return element;
    }

    /// <summary>The element of that name (case-insensitive), or null.</summary>
    public Element? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var position = ElementPosition(name, ElementHash(name));
        return position < 0 ? null : _elements[position];
    }

    /// <summary>
    /// The stored name of the non-ground node spelled <paramref name="canonical"/> (already lowercase), or null: lets a
    /// reader of a large netlist share one string per node instead of making one per mention.
    /// </summary>
    public string? FindNode(ReadOnlySpan<char> canonical)
    {
        var position = NodePosition(canonical, NodeHash(canonical));
        return position < 0 ? null : _nodes[position];
    }

    /// <summary>True when a non-ground node of that name exists.</summary>
    public bool HasNode(string node) => FindNode(Canonical(node).AsSpan()) is not null;

    // Hashes consistent with the comparisons below: names equal ignoring case hash alike.
    private static int ElementHash(string name) => string.GetHashCode(name, StringComparison.OrdinalIgnoreCase);

    private static int NodeHash(ReadOnlySpan<char> node) => string.GetHashCode(node);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ElementPosition(string name, int hash)
    {
        for (var slot = _elementSlots.First(hash); _elementSlots.TryGet(slot, hash, out var position); slot = _elementSlots.Next(slot))
        {
            if (position >= 0 && string.Equals(_elements[position].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return position;
            }
        }
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int NodePosition(ReadOnlySpan<char> node, int hash)
    {
        for (var slot = _nodeSlots.First(hash); _nodeSlots.TryGet(slot, hash, out var position); slot = _nodeSlots.Next(slot))
        {
            if (position >= 0 && node.SequenceEqual(_nodes[position]))
            {
                return position;
            }
        }
        return -1;
    }
}
