using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// Nested dissection ordering on the pattern of A+Aᵀ (George 1973; George and Liu's automatic variant): split the
/// graph by a small vertex separator, order both halves recursively, the separator last; small pieces get AMD.
/// Separators come from level sets of breadth-first distances, trimmed to vertices that touch both sides.
/// Besides the classic levels of the distance from one pseudo-peripheral vertex u, it tries level sets of
/// d(u,·) − d(w,·) for a second extreme vertex w "beside" u: on grid-like graphs such as crossbars these are straight
/// cuts across the grid instead of diagonals, and a crossbar is cut by a single wire type (half the vertices).
/// </summary>
public static class NestedDissectionOrdering
{
    /// <summary>Pieces up to this size are ordered by AMD instead of being dissected further.</summary>
    public const int LeafSize = 200;

    /// <summary>The elimination order: entry k is the unknown to eliminate k-th. A permutation of 0..Size-1.</summary>
    public static int[] Order(CscMatrix a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var (ptr, adj) = AmdOrdering.SymmetricPattern(a);
        return Order(a.Size, ptr, adj);
    }

    internal static int[] Order(int n, int[] ptr, int[] adj) => Order(n, ptr, adj, 1, out _);

    /// <summary>
    /// The order, and the size of the first top-level separator (-1 when the graph was not dissected): a separator of
    /// order √n marks a planar, grid-like graph, where nested dissection is known to beat minimum degree. With
    /// <paramref name="threads"/> &gt; 1 the two halves of the top-level split are ordered on two threads; the order
    /// is the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int[] Order(int n, int[] ptr, int[] adj, int threads, out int topSeparator)
    {
        var state = new Dissection(n, ptr, adj, threads);
        state.Dissect(0, n, 0, new Workspace(n));
        if (state.Count != n) throw new InvalidOperationException($"nested dissection lost unknowns ({state.Count} of {n})");
        topSeparator = state.TopSeparator;
        return state.Order;
    }

    /// <summary>
    /// Scratch indexed by position within a subproblem: one per thread. (Arrays indexed by vertex are shared, since
    /// concurrent subproblems own disjoint vertices and only ever compare a neighbour's stamp with their own.)
    /// </summary>
    private sealed class Workspace(int size)
    {
        public readonly int[] Queue = new int[size];
        public readonly int[] Values = new int[size];   // f of each vertex of the subproblem under trial
        public int[] Trial = new int[size];             // side of each vertex: 0 = A, 1 = B, 2 = separator
        public int[] Best = new int[size];
        public readonly AmdOrdering.Scratch Amd = new(); // AMD of the pieces, and their local graphs:
        public int[] LeafPointers = [];
        public int[] LeafAdjacency = [];
    }

    private sealed class Dissection
    {
        /// <summary>Halves at least this large are worth ordering on a second thread.</summary>
        private const int ParallelSize = 4000;

        private readonly int[] _ptr, _adj;
        private readonly int[] _part;            // subproblem stamp of each vertex; -1 once ordered
        private readonly int[] _du, _dv, _dw, _local;
        private readonly int _threads;
        private int _stamp, _count;

        public Dissection(int n, int[] ptr, int[] adj, int threads)
        {
            _ptr = ptr;
            _adj = adj;
            _threads = threads;
            _part = new int[n];
            _du = new int[n];
            _dv = new int[n];
            _dw = new int[n];
            _local = new int[n];
            Order = new int[n];
            for (int i = 0; i < n; i++) Order[i] = i;
        }

        /// <summary>
        /// The order, built in place: a subproblem owns the range of Order where its vertices will end up, and a split
        /// rearranges that range into [A | B | separator] (stably), so no recursion level allocates vertex lists.
        /// </summary>
        public int[] Order { get; }

        public int Count => _count;

        public int TopSeparator { get; private set; } = -1;

        /// <summary>Orders the vertices in Order[offset .. offset + length) in place.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Dissect(int offset, int length, int depth, Workspace work)
        {
            if (length == 0) return;
            var vertices = new Span<int>(Order, offset, length);
            int id = Interlocked.Increment(ref _stamp);
            foreach (int x in vertices) _part[x] = id;
            if (length <= LeafSize || depth > 60)
            {
                OrderByAmd(offset, length, work);
                return;
            }

            // Separate connected components first: they need no separator. The one found goes first, in search order.
            int reached = Bfs(vertices[0], id, _du, work.Queue, out _);
            if (reached < length)
            {
                var component = work.Queue.AsSpan(0, reached);
                foreach (int x in component) _du[x] = -2;
                var rest = work.Values;
                int r = 0;
                foreach (int x in vertices) if (_du[x] != -2) rest[r++] = x;
                component.CopyTo(vertices);
                rest.AsSpan(0, r).CopyTo(vertices[reached..]);
                Dissect(offset, reached, depth, work);
                Dissect(offset + reached, r, depth, work);
                return;
            }

            int u = PseudoPeripheral(vertices[0], id, reached, work.Queue, out int far); // leaves d(u, ·) in _du
            Bfs(far, id, _dv, work.Queue, out _);
            // Candidates "beside" u: the two ends of the set of vertices halfway between u and far.
            int mid = -1;
            foreach (int x in vertices)
            {
                if (Math.Abs(_du[x] - _dv[x]) <= 1) { mid = x; break; }
            }
            bool found = false;
            int bestSize = int.MaxValue;
            TryLevels(vertices, id, null, work, ref found, ref bestSize);
            if (mid >= 0)
            {
                int w = mid;
                Bfs(w, id, _dw, work.Queue, out _);
                for (int end = 0; end < 2; end++)
                {
                    int best = -1, next = -1;
                    foreach (int x in vertices)
                    {
                        if (Math.Abs(_du[x] - _dv[x]) <= 1 && _dw[x] > best) { best = _dw[x]; next = x; }
                    }
                    if (next < 0 || next == w) break;
                    w = next;
                    Bfs(w, id, _dw, work.Queue, out _);
                    TryLevels(vertices, id, _dw, work, ref found, ref bestSize);
                }
            }
            if (!found || bestSize > length / 2)
            {
                OrderByAmd(offset, length, work);
                return;
            }

            // Best: 0 = part A, 1 = part B, 2 = separator, indexed like vertices. Rearranged stably into [A | B | S].
            var bestSide = work.Best;
            int na = 0, nb = 0, ns = 0;
            for (int t = 0; t < length; t++)
            {
                int s = bestSide[t];
                if (s == 0) na++;
                else if (s == 1) nb++;
                else ns++;
            }
            var arranged = work.Trial;
            int ia = 0, ib = na, isep = na + nb;
            for (int t = 0; t < length; t++)
            {
                int x = vertices[t];
                int s = bestSide[t];
                if (s == 0) arranged[ia++] = x;
                else if (s == 1) arranged[ib++] = x;
                else
                {
                    arranged[isep++] = x;
                    _part[x] = -1;
                }
            }
            arranged.AsSpan(0, length).CopyTo(vertices);
            if (depth == 0 && TopSeparator < 0) TopSeparator = ns;
            if (_threads > 1 && depth == 0 && Math.Min(na, nb) >= ParallelSize)
            {
                var other = Task.Run(() => Dissect(offset, na, depth + 1, new Workspace(na)));
                Dissect(offset + na, nb, depth + 1, work);
                other.Wait();
            }
            else
            {
                Dissect(offset, na, depth + 1, work);
                Dissect(offset + na, nb, depth + 1, work);
            }
            Interlocked.Add(ref _count, ns);
        }

        /// <summary>
        /// Splits at the median of f into A = {f &lt; c}, S = {c ≤ f ≤ c+1}, B = {f &gt; c+1} (valid since f changes by at
        /// most 2 along an edge), then trims S to vertices adjacent to both sides. f = 2·d(u,·) when
        /// <paramref name="dw"/> is null, else d(u,·) − d(w,·).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void TryLevels(ReadOnlySpan<int> vertices, int id, int[]? dw, Workspace work, ref bool found, ref int bestSize)
        {
            int n = vertices.Length;
            var values = work.Values;
            if (dw is null) for (int t = 0; t < n; t++) values[t] = 2 * _du[vertices[t]];
            else for (int t = 0; t < n; t++) values[t] = _du[vertices[t]] - dw[vertices[t]];
            int min = int.MaxValue, max = int.MinValue;
            for (int t = 0; t < n; t++)
            {
                int v = values[t];
                if (v < min) min = v;
                if (v > max) max = v;
            }
            // Median by counting (values are small integers).
            var histogram = new int[max - min + 1];
            for (int t = 0; t < n; t++) histogram[values[t] - min]++;
            int c = min, below = 0;
            while (below + histogram[c - min] <= n / 2) below += histogram[c++ - min];
            if (((c - min) & 1) != 0) c--; // both parities may occur; keep the band aligned
            var side = work.Trial;
            for (int t = 0; t < n; t++)
            {
                int v = values[t];
                side[t] = v < c ? 0 : v > c + 1 ? 1 : 2;
                _local[vertices[t]] = t;
            }
            // Trim: a separator vertex with no neighbour in B joins A; then one with no neighbour in A joins B.
            for (int pass = 0; pass < 2; pass++)
            {
                int other = pass == 0 ? 1 : 0;
                for (int t = 0; t < n; t++)
                {
                    if (side[t] != 2) continue;
                    int x = vertices[t];
                    bool touches = false;
                    for (int p = _ptr[x]; p < _ptr[x + 1]; p++)
                    {
                        int y = _adj[p];
                        if (_part[y] != id) continue;
                        if (side[_local[y]] == other) { touches = true; break; }
                    }
                    if (!touches) side[t] = pass == 0 ? 0 : 1;
                }
            }
            int na = 0, nb = 0, ns = 0;
            for (int t = 0; t < n; t++)
            {
                int s = side[t];
                if (s == 0) na++;
                else if (s == 1) nb++;
                else ns++;
            }
            if (Math.Min(na, nb) < n / 5) return; // too unbalanced to pay off
            if (ns < bestSize)
            {
                bestSize = ns;
                (work.Trial, work.Best) = (work.Best, work.Trial);
                found = true;
            }
        }

        /// <summary>
        /// George–Liu: move to a minimum-degree vertex of the last BFS level while the depth grows. Expects the BFS
        /// from <paramref name="start"/> in _du and the queue; returns u with d(u, ·) in _du and its farthest vertex.
        /// </summary>
        private int PseudoPeripheral(int start, int id, int count, int[] queue, out int farthest)
        {
            int ecc = _du[queue[count - 1]];
            int u = LastLevelMinimumDegree(count, ecc, start, queue);
            count = Bfs(u, id, _du, queue, out farthest);
            for (int iter = 0; iter < 2; iter++)
            {
                int depth = _du[farthest];
                if (depth <= ecc) break;
                ecc = depth;
                int next = LastLevelMinimumDegree(count, depth, u, queue);
                if (next == u) break;
                u = next;
                count = Bfs(u, id, _du, queue, out farthest);
            }
            return u;
        }

        private int LastLevelMinimumDegree(int count, int depth, int fallback, int[] queue)
        {
            int best = fallback, bestDegree = int.MaxValue;
            for (int t = count - 1; t >= 0 && _du[queue[t]] == depth; t--)
            {
                int x = queue[t];
                int deg = _ptr[x + 1] - _ptr[x];
                if (deg < bestDegree) { bestDegree = deg; best = x; }
            }
            return best;
        }

        /// <summary>Breadth-first distances from src within subproblem id; returns the number reached.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Bfs(int src, int id, int[] dist, int[] queue, out int last)
        {
            int head = 0, tail = 0;
            queue[tail++] = src;
            dist[src] = 0;
            _part[src] = -id - 2; // visited marker for this search
            while (head < tail)
            {
                int x = queue[head++];
                int dx = dist[x] + 1;
                for (int p = _ptr[x]; p < _ptr[x + 1]; p++)
                {
                    int y = _adj[p];
                    if (_part[y] != id) continue;
                    _part[y] = -id - 2;
                    dist[y] = dx;
                    queue[tail++] = y;
                }
            }
            for (int t = 0; t < tail; t++) _part[queue[t]] = id;
            last = queue[tail - 1];
            return tail;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void OrderByAmd(int offset, int n, Workspace work)
        {
            var vertices = new Span<int>(Order, offset, n);
            int degrees = 0;
            for (int t = 0; t < n; t++)
            {
                int x = vertices[t];
                _local[x] = t;
                degrees += _ptr[x + 1] - _ptr[x];
            }
            int id = _part[vertices[0]];
            if (work.LeafPointers.Length < n + 1) work.LeafPointers = new int[Math.Max(n + 1, 2 * work.LeafPointers.Length)];
            if (work.LeafAdjacency.Length < degrees) work.LeafAdjacency = new int[Math.Max(degrees, 2 * work.LeafAdjacency.Length)];
            var ptr = work.LeafPointers;
            var adj = work.LeafAdjacency;
            int count = 0;
            ptr[0] = 0;
            for (int t = 0; t < n; t++)
            {
                int x = vertices[t];
                for (int p = _ptr[x]; p < _ptr[x + 1]; p++)
                {
                    int y = _adj[p];
                    if (_part[y] == id) adj[count++] = _local[y];
                }
                ptr[t + 1] = count;
            }
            var local = AmdOrdering.Order(n, ptr, adj, work.Amd);
            var original = work.Queue.AsSpan(0, n);
            vertices.CopyTo(original);
            for (int k = 0; k < n; k++)
            {
                int x = original[local[k]];
                vertices[k] = x;
                _part[x] = -1;
            }
            Interlocked.Add(ref _count, n);
        }
    }
}
