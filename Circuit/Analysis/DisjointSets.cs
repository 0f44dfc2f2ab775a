using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Analysis;

/// <summary>Union–find with path halving and union by size, for connectivity checks on circuit graphs.</summary>
internal sealed class DisjointSets
{
    private readonly int[] _parent;
    private readonly int[] _size;

    public DisjointSets(int count)
    {
        _parent = new int[count];
        _size = new int[count];
        for (var i = 0; i < count; i++)
        {
            _parent[i] = i;
            _size[i] = 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }
        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Union(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a == b) return;
        if (_size[a] < _size[b]) (a, b) = (b, a);
        _parent[b] = a;
        _size[a] += _size[b];
    }
}
