using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// Approximate minimum degree ordering (Amestoy, Davis and Duff, SIAM J. Matrix Anal. Appl. 17(4), 1996) on the
/// pattern of A+Aᵀ. Eliminating in this order keeps the Cholesky-like fill of a nearly symmetric matrix small.
/// Works on the quotient graph: eliminated pivots become elements, whose variable lists stand in for the cliques
/// they create; degrees are upper bounds computed from |Le \ Lme|; indistinguishable variables are merged into
/// supervariables; variables adjacent only to the new element are eliminated with it (mass elimination); elements
/// contained in the new one are absorbed (aggressive absorption); rows denser than 10·√n go last.
/// </summary>
public static class AmdOrdering
{
    private const byte Variable = 0, Element = 1, Dead = 2;

    /// <summary>
    /// The elimination order: entry k is the unknown to eliminate k-th. A permutation of 0..Size-1.
    /// The matrix values are ignored; the diagonal need not be in the pattern.
    /// </summary>
    public static int[] Order(CscMatrix a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var (ptr, adj) = SymmetricPattern(a);
        return Order(a.Size, ptr, adj);
    }

    /// <summary>Adjacency of A+Aᵀ without the diagonal, in compressed form (ptr has n+1 entries).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (int[] Pointers, int[] Adjacency) SymmetricPattern(CscMatrix a) => SymmetricPattern(a, out _);

    /// <summary>
    /// <see cref="SymmetricPattern(CscMatrix)"/>, also telling whether the pattern was structurally symmetric (the
    /// factorization needs to know, and need not check again).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (int[] Pointers, int[] Adjacency) SymmetricPattern(CscMatrix a, out bool structurallySymmetric)
    {
        // MNA matrices are structurally symmetric: their columns are the adjacency already. The check's scratch is the
        // pointer array the adjacency then fills.
        var ptr = new int[a.Size + 1];
        structurallySymmetric = a.IsSymmetric(values: false, ptr);
        return structurallySymmetric ? OffDiagonal(a, ptr) : Symmetrized(a);
    }

    /// <summary>The adjacency of A+Aᵀ for any pattern: both directions of every entry, duplicates removed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (int[] Pointers, int[] Adjacency) Symmetrized(CscMatrix a)
    {
        int n = a.Size;
        var colPtr = a.ColumnPointers;
        var rows = a.RowIndices;
        var count = new int[n + 1];
        for (int j = 0; j < n; j++)
        {
            for (int p = colPtr[j]; p < colPtr[j + 1]; p++)
            {
                int i = rows[p];
                if (i == j) continue;
                count[i + 1]++;
                count[j + 1]++;
            }
        }
        for (int i = 0; i < n; i++) count[i + 1] += count[i];
        var raw = new int[count[n]];
        var fill = new int[n];
        Array.Copy(count, fill, n);
        for (int j = 0; j < n; j++)
        {
            for (int p = colPtr[j]; p < colPtr[j + 1]; p++)
            {
                int i = rows[p];
                if (i == j) continue;
                raw[fill[i]++] = j;
                raw[fill[j]++] = i;
            }
        }
        // Remove duplicates (an entry present as both (i,j) and (j,i)).
        var mark = new int[n];
        Array.Fill(mark, -1);
        var ptr = new int[n + 1];
        int q = 0;
        for (int i = 0; i < n; i++)
        {
            ptr[i] = q;
            for (int p = count[i]; p < count[i + 1]; p++)
            {
                int j = raw[p];
                if (mark[j] == i) continue;
                mark[j] = i;
                raw[q++] = j;
            }
        }
        ptr[n] = q;
        Array.Resize(ref raw, q);
        return (ptr, raw);
    }

    /// <summary>The pattern without its diagonal: the adjacency of a structurally symmetric matrix, rows ascending.</summary>
    private static (int[] Pointers, int[] Adjacency) OffDiagonal(CscMatrix a, int[] ptr)
    {
        int n = a.Size;
        var colPtr = a.ColumnPointers;
        var rows = a.RowIndices;
        int diagonal = 0;
        for (int j = 0; j < n; j++)
        {
            if (Array.BinarySearch(rows, colPtr[j], colPtr[j + 1] - colPtr[j], j) >= 0) diagonal++;
        }
        var adj = new int[rows.Length - diagonal];
        int q = 0;
        for (int j = 0; j < n; j++)
        {
            ptr[j] = q;
            for (int p = colPtr[j]; p < colPtr[j + 1]; p++)
            {
                if (rows[p] != j) adj[q++] = rows[p];
            }
        }
        ptr[n] = q;
        return (ptr, adj);
    }

    /// <summary>AMD on a symmetric adjacency structure without self loops.</summary>
    internal static int[] Order(int n, int[] ptr, int[] adj) => Order(n, ptr, adj, null);

    /// <summary>
    /// AMD reusing <paramref name="scratch"/>'s arrays: nested dissection orders hundreds of small pieces, and fresh
    /// arrays for each would cost a cold process the GC's zeroing and a page fault per 4 KiB.
    /// </summary>
    internal static int[] Order(int n, int[] ptr, int[] adj, Scratch? scratch)
    {
        var order = new int[n];
        if (n == 0) return order;
        var state = new QuotientGraph(n, ptr, adj, scratch ?? new Scratch());
        state.Eliminate(order);
        return order;
    }

    /// <summary>Working arrays for successive orderings on one thread; grown as needed, cleared for each use.</summary>
    internal sealed class Scratch
    {
        private const int Arrays = 16;
        private readonly int[][] _arrays = new int[Arrays][];
        private byte[] _kind = [];
        private int[] _iw = [];

        /// <summary>Array <paramref name="index"/> (0..15) with at least n+1 entries, its first n+1 zero.</summary>
        public int[] Zeroed(int index, int n)
        {
            ref var array = ref _arrays[index];
            if (array is null || array.Length < n + 1) array = new int[Math.Max(n + 1, 2 * (array?.Length ?? 0))];
            else Array.Clear(array, 0, n + 1);
            return array;
        }

        /// <summary>The variable kinds, n entries zero (every unknown a variable).</summary>
        public byte[] Kinds(int n)
        {
            if (_kind.Length < n) _kind = new byte[Math.Max(n, 2 * _kind.Length)];
            else Array.Clear(_kind, 0, n);
            return _kind;
        }

        /// <summary>The quotient graph's index workspace, at least <paramref name="size"/> entries (contents unspecified).</summary>
        public int[] Workspace(int size)
        {
            if (_iw.Length < size) _iw = new int[Math.Max(size, 2 * _iw.Length)];
            return _iw;
        }
    }

    /// <summary>The working state of one ordering run.</summary>
    private sealed class QuotientGraph
    {
        private readonly int _n;
        private int[] _iw;
        private int _pfree;
        private readonly int[] _pe, _len, _elen, _nv, _degree, _w;
        private readonly byte[] _kind;
        private readonly int[] _head, _dnext, _dprev;   // degree lists
        private readonly int[] _hhead, _hnext, _hash;   // supervariable hash buckets
        private readonly int[] _mark;                   // stamps for list comparison
        private int _markStamp;
        private readonly int[] _chainNext, _chainTail;  // variables eliminated together with a principal one
        private readonly int[] _pivots;
        private int _pivotCount;
        private int _wflg = 1;
        private int _mindeg;
        private readonly List<int> _dense = new();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public QuotientGraph(int n, int[] ptr, int[] adj, Scratch scratch)
        {
            // Arrays may be longer than n (reused); only their first n (n + 1) entries are used, all starting zero.
            _n = n;
            _pe = scratch.Zeroed(0, n);
            _len = scratch.Zeroed(1, n);
            _elen = scratch.Zeroed(2, n);
            _nv = scratch.Zeroed(3, n);
            _degree = scratch.Zeroed(4, n);
            _w = scratch.Zeroed(5, n);
            _kind = scratch.Kinds(n);
            _head = scratch.Zeroed(6, n);
            _dnext = scratch.Zeroed(7, n);
            _dprev = scratch.Zeroed(8, n);
            _hhead = scratch.Zeroed(9, n);
            _hnext = scratch.Zeroed(10, n);
            _hash = scratch.Zeroed(11, n);
            _mark = scratch.Zeroed(12, n);
            _chainNext = scratch.Zeroed(13, n);
            _chainTail = scratch.Zeroed(14, n);
            _pivots = scratch.Zeroed(15, n);
            Array.Fill(_head, -1, 0, n + 1);
            Array.Fill(_hhead, -1, 0, n);

            int nnz = ptr[n];
            _iw = scratch.Workspace(nnz + nnz / 5 + 2 * n + 16);
            Array.Copy(adj, _iw, nnz);
            _pfree = nnz;

            int denseLimit = Math.Max(16, (int)(10 * Math.Sqrt(n)));
            for (int i = 0; i < n; i++)
            {
                _pe[i] = ptr[i];
                _len[i] = ptr[i + 1] - ptr[i];
                _nv[i] = 1;
                _chainNext[i] = -1;
                _chainTail[i] = i;
                if (_len[i] > denseLimit && n > 64)
                {
                    _kind[i] = Dead;
                    _nv[i] = 0;
                    _dense.Add(i);
                }
            }
            _mindeg = n;
            for (int i = 0; i < n; i++)
            {
                if (_kind[i] != Variable) continue;
                int deg = 0;
                for (int p = _pe[i]; p < _pe[i] + _len[i]; p++) if (_kind[adj[p]] == Variable) deg++;
                _degree[i] = deg;
                InsertDegree(i, deg);
            }
        }

        private void InsertDegree(int i, int d)
        {
            int h = _head[d];
            _dnext[i] = h;
            _dprev[i] = -1;
            if (h >= 0) _dprev[h] = i;
            _head[d] = i;
            if (d < _mindeg) _mindeg = d;
        }

        private void RemoveDegree(int i)
        {
            int next = _dnext[i], prev = _dprev[i];
            if (next >= 0) _dprev[next] = prev;
            if (prev >= 0) _dnext[prev] = next;
            else _head[_degree[i]] = next;
        }

        private void AppendChain(int principal, int member)
        {
            _chainNext[_chainTail[principal]] = member;
            _chainTail[principal] = _chainTail[member];
        }

        /// <summary>Makes room for <paramref name="need"/> more entries at the end of the workspace.</summary>
        private void EnsureFree(int need)
        {
            if (_pfree + need <= _iw.Length) return;
            int live = 0;
            for (int i = 0; i < _n; i++) if (_kind[i] != Dead) live += _len[i];
            int size = Math.Max(_iw.Length, live + need + live / 5 + _n);
            var fresh = new int[size];
            int q = 0;
            for (int i = 0; i < _n; i++)
            {
                if (_kind[i] == Dead) continue;
                Array.Copy(_iw, _pe[i], fresh, q, _len[i]);
                _pe[i] = q;
                q += _len[i];
            }
            _iw = fresh;
            _pfree = q;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Eliminate(int[] order)
        {
            int n = _n;
            int nonDense = n - _dense.Count;
            int nel = 0;
            while (nel < nonDense)
            {
                // 1. Pivot of minimum approximate degree.
                int me = -1;
                for (int d = _mindeg; d <= n; d++)
                {
                    if (_head[d] >= 0) { me = _head[d]; _mindeg = d; break; }
                }
                RemoveDegree(me);
                _pivots[_pivotCount++] = me;
                int nvpiv = _nv[me];
                nel += nvpiv;
                _nv[me] = -nvpiv; // flagged like the members of Lme so it is not added to its own element

                // 2. The new element Lme: the pivot's variables plus the variables of its elements (which it absorbs).
                int degme = 0;
                int elenme = _elen[me];
                if (elenme == 0)
                {
                    int start = _pe[me], end = start + _len[me], pn = start;
                    for (int p = start; p < end; p++)
                    {
                        int j = _iw[p];
                        int nvj = _nv[j];
                        if (nvj <= 0 || _kind[j] != Variable) continue;
                        degme += nvj;
                        _nv[j] = -nvj;
                        _iw[pn++] = j;
                        RemoveDegree(j);
                    }
                    _len[me] = pn - start;
                }
                else
                {
                    int bound = _len[me] - elenme;
                    for (int p = _pe[me]; p < _pe[me] + elenme; p++)
                    {
                        int e = _iw[p];
                        if (_kind[e] == Element) bound += _len[e];
                    }
                    EnsureFree(bound);
                    int start = _pfree, pn = start;
                    int pme = _pe[me], lenme = _len[me];
                    for (int t = 0; t < lenme; t++)
                    {
                        int x = _iw[pme + t];
                        if (t < elenme)
                        {
                            if (_kind[x] != Element) continue;
                            int pe = _pe[x], le = _len[x];
                            for (int p = pe; p < pe + le; p++)
                            {
                                int j = _iw[p];
                                int nvj = _nv[j];
                                if (nvj <= 0 || _kind[j] != Variable) continue;
                                degme += nvj;
                                _nv[j] = -nvj;
                                _iw[pn++] = j;
                                RemoveDegree(j);
                            }
                            _kind[x] = Dead; // absorbed into me
                        }
                        else
                        {
                            int nvj = _nv[x];
                            if (nvj <= 0 || _kind[x] != Variable) continue;
                            degme += nvj;
                            _nv[x] = -nvj;
                            _iw[pn++] = x;
                            RemoveDegree(x);
                        }
                    }
                    _pe[me] = start;
                    _len[me] = pn - start;
                    _pfree = pn;
                }
                _kind[me] = Element;
                _elen[me] = 0;
                _degree[me] = degme;
                _w[me] = 0;

                // 3. w(e) - wflg = |Le \ Lme| for every element e adjacent to a variable of Lme.
                if (_wflg > int.MaxValue - 2 * n - 2)
                {
                    Array.Clear(_w);
                    _wflg = 1;
                }
                int wflg = _wflg;
                int lemax = 0;
                for (int t = 0; t < _len[me]; t++)
                {
                    int i = _iw[_pe[me] + t];
                    int nvi = -_nv[i];
                    int pi = _pe[i];
                    for (int p = pi; p < pi + _elen[i]; p++)
                    {
                        int e = _iw[p];
                        if (_kind[e] != Element) continue;
                        int we = _w[e];
                        if (we >= wflg) we -= nvi;
                        else
                        {
                            we = _degree[e] + wflg - nvi;
                            if (_degree[e] > lemax) lemax = _degree[e];
                        }
                        _w[e] = we;
                    }
                }

                // 4. Degree update, pruning, mass elimination, hashing for supervariable detection.
                for (int t = 0; t < _len[me]; t++)
                {
                    int i = _iw[_pe[me] + t];
                    if (_kind[i] != Variable || _nv[i] >= 0) continue;
                    int p1 = _pe[i], pElemEnd = p1 + _elen[i], pEnd = p1 + _len[i];
                    int pn = p1, deg = 0;
                    long hash = 0;
                    for (int p = p1; p < pElemEnd; p++)
                    {
                        int e = _iw[p];
                        if (_kind[e] != Element) continue;
                        int we = _w[e] - wflg;
                        if (we > 0)
                        {
                            deg += we;
                            _iw[pn++] = e;
                            hash += e;
                        }
                        else
                        {
                            _kind[e] = Dead; // aggressive absorption: Le is inside Lme
                        }
                    }
                    int keptElements = pn - p1;
                    for (int p = pElemEnd; p < pEnd; p++)
                    {
                        int j = _iw[p];
                        int nvj = _nv[j];
                        if (nvj <= 0 || _kind[j] != Variable) continue;
                        deg += nvj;
                        _iw[pn++] = j;
                        hash += j;
                    }
                    int keptVars = pn - p1 - keptElements;
                    if (keptElements == 0 && keptVars == 0)
                    {
                        // Mass elimination: i is adjacent only to me.
                        int nvi = -_nv[i];
                        degme -= nvi;
                        nvpiv += nvi;
                        nel += nvi;
                        _nv[i] = 0;
                        _kind[i] = Dead;
                        AppendChain(me, i);
                        continue;
                    }
                    _degree[i] = Math.Min(_degree[i], deg);
                    _len[i] = pn - p1;
                    _elen[i] = keptElements;
                    if (pn == pEnd)
                    {
                        // No entry was pruned, so no room for me: move the list to the end of the workspace.
                        EnsureFree(_len[i] + 1);
                        Array.Copy(_iw, _pe[i], _iw, _pfree, _len[i]);
                        _pe[i] = _pfree;
                        _pfree += _len[i] + 1;
                        p1 = _pe[i];
                        pn = p1 + _len[i];
                    }
                    // Put me first, keeping elements before variables: [me, E2..Ek, E1, V2..Vm, V1].
                    int pVar = p1 + keptElements;
                    if (keptVars > 0) _iw[pn] = _iw[pVar];
                    if (keptElements > 0) _iw[pVar] = _iw[p1];
                    _iw[p1] = me;
                    _len[i]++;
                    _elen[i]++;
                    hash += me;
                    int h = (int)(hash % n);
                    _hash[i] = h;
                    _hnext[i] = _hhead[h];
                    _hhead[h] = i;
                }
                _degree[me] = degme;

                // 5. Supervariable detection: merge variables of Lme with identical lists.
                for (int t = 0; t < _len[me]; t++)
                {
                    int i = _iw[_pe[me] + t];
                    if (_kind[i] != Variable || _nv[i] >= 0) continue;
                    int h = _hash[i];
                    int bucket = _hhead[h];
                    if (bucket < 0) continue;
                    _hhead[h] = -1;
                    for (int a = bucket; a >= 0; a = _hnext[a])
                    {
                        if (_kind[a] != Variable || _nv[a] >= 0) continue;
                        int lenA = _len[a], elenA = _elen[a];
                        bool marked = false;
                        int prev = a;
                        for (int b = _hnext[a]; b >= 0; b = _hnext[b])
                        {
                            if (_len[b] != lenA || _elen[b] != elenA || _kind[b] != Variable || _nv[b] >= 0)
                            {
                                prev = b;
                                continue;
                            }
                            if (!marked)
                            {
                                _markStamp++;
                                for (int p = _pe[a]; p < _pe[a] + lenA; p++) _mark[_iw[p]] = _markStamp;
                                marked = true;
                            }
                            bool same = true;
                            for (int p = _pe[b]; p < _pe[b] + lenA; p++)
                            {
                                if (_mark[_iw[p]] != _markStamp) { same = false; break; }
                            }
                            if (!same)
                            {
                                prev = b;
                                continue;
                            }
                            // b is indistinguishable from a: a represents both.
                            _nv[a] += _nv[b];
                            _nv[b] = 0;
                            _kind[b] = Dead;
                            AppendChain(a, b);
                            _hnext[prev] = _hnext[b];
                        }
                    }
                }

                // 6. Final degrees of the variables of Lme; compact Lme to its principal variables.
                int nleft = nonDense - nel;
                {
                    int start = _pe[me], pn = start;
                    for (int t = 0; t < _len[me]; t++)
                    {
                        int i = _iw[start + t];
                        if (_kind[i] != Variable) continue;
                        int nvi = -_nv[i];
                        if (nvi <= 0) continue;
                        _nv[i] = nvi;
                        int d = Math.Min(_degree[i] + degme - nvi, nleft - nvi);
                        if (d < 0) d = 0;
                        _degree[i] = d;
                        InsertDegree(i, d);
                        _iw[pn++] = i;
                    }
                    _len[me] = pn - start;
                }
                _nv[me] = nvpiv;
                if (_len[me] == 0) _kind[me] = Dead;
                _wflg = wflg + lemax + 1;
            }

            int k = 0;
            for (int t = 0; t < _pivotCount; t++)
                for (int i = _pivots[t]; i >= 0; i = _chainNext[i]) order[k++] = i;
            foreach (int i in _dense) order[k++] = i;
            if (k != n) throw new InvalidOperationException($"AMD ordering lost unknowns ({k} of {n})");
        }
    }
}
