using System.Collections;
using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Elements;

/// <summary>
/// The nodes an element connects, in terminal order: a view of the element's own fields, so the hundreds of thousands of
/// two-terminal elements a large netlist makes need no node array each (only elements with more terminals keep one).
/// </summary>
public readonly struct NodeList : IReadOnlyList<string>
{
    private readonly string _first;
    // The second node (two terminals), or every node (more).
    private readonly object _rest;

    internal NodeList(string first, object rest)
    {
        _first = first;
        _rest = rest;
    }

    /// <summary>The number of terminals.</summary>
    public int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _rest is string[] all ? all.Length : 2;
    }

    /// <summary>The node at terminal <paramref name="index"/>.</summary>
    public string this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _rest is string[] all ? all[index]
            : index == 0 ? _first
            : index == 1 ? (string)_rest
            : throw new ArgumentOutOfRangeException(nameof(index));
    }

    /// <summary>Enumerates the nodes without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<string> IEnumerable<string>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Enumerates a <see cref="NodeList"/>.</summary>
    public struct Enumerator : IEnumerator<string>
    {
        private readonly NodeList _nodes;
        private int _index;

        internal Enumerator(NodeList nodes)
        {
            _nodes = nodes;
            _index = -1;
        }

        /// <summary>The current node.</summary>
        public readonly string Current => _nodes[_index];

        readonly object IEnumerator.Current => Current;

        /// <summary>Moves to the next node.</summary>
        public bool MoveNext() => ++_index < _nodes.Count;

        /// <summary>Starts over.</summary>
        public void Reset() => _index = -1;

        /// <summary>Nothing to release.</summary>
        public readonly void Dispose()
        {
        }
    }
}
