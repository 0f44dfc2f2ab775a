using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// The patterns of L and U when a structurally symmetric matrix (the pattern of A+Aᵀ) is factored in a given order
/// with pivots on the diagonal: U(:,k) is the reach of row k in the elimination tree (Liu), and L is Uᵀ.
/// Computed once per topology; a numeric factorization that keeps the diagonal pivots fits in it exactly.
/// </summary>
internal static class SymbolicFactorization
{
    /// <summary>
    /// Patterns in step numbering: U columns (strictly upper, rows in topological order) and L columns (strictly lower, rows
    /// ascending). <paramref name="order"/>[k] is the unknown eliminated at step k. The U index array may be longer
    /// than Up[n]: its tail is never read, and left uninitialized it costs no memory pages. With
    /// <paramref name="threads"/> &gt; 1 a large pattern is built on two threads; the arrays are identical either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int[] Up, int[] Ui, int[] Lp, int[] Li) Build(int n, int[] ptr, int[] adj, int[] order, int threads = 1)
    {
        var inverse = new int[n];
        for (int k = 0; k < n; k++) inverse[order[k]] = k;

        // Elimination tree with path compression through the "ancestor" links.
        var parent = EliminationTree(n, ptr, adj, order, inverse);
        var up = new int[n + 1];
        var lcount = new int[n + 1];
        if (threads > 1 && n >= ParallelSize) return BuildOnTwoThreads(n, ptr, adj, order, inverse, parent, up, lcount);

        // Uninitialized: a cold process pays a page fault per 4 KiB it touches, and only the first Up[n] are written.
        var rows = new RowReach(n, ptr, adj, order, inverse, parent, Math.Max(16, 4 * ptr[n]), lcount);
        rows.Append(0, n, up);
        up[n] = rows.Count;
        for (int j = 0; j < n; j++) lcount[j + 1] += lcount[j];
        var lp = (int[])lcount.Clone();
        var li = GC.AllocateUninitializedArray<int>(rows.Count);
        Transpose(0, n, up, rows.Buffer, li, lcount);
        return (up, rows.Buffer, lp, li);
    }

    /// <summary>Systems at least this large build their patterns on two threads when allowed.</summary>
    public const int ParallelSize = 4000;

    /// <summary>Rows a thread claims at a time in the two-thread build.</summary>
    private const int Chunk = 128;

    /// <summary>
    /// Row patterns are independent of each other given the elimination tree: one thread takes chunks of rows from
    /// the start, the other from the end (the separator rows, with the longest patterns), until they meet at some row
    /// m; the second's chunks are then copied after the first's in row order. The transposition into L columns is
    /// split at m as well: in every column the rows before m come first.
    /// </summary>
    private static (int[] Up, int[] Ui, int[] Lp, int[] Li) BuildOnTwoThreads(
        int n, int[] ptr, int[] adj, int[] order, int[] inverse, int[] parent, int[] up, int[] lcount)
    {
        // Low's buffer becomes the U index array. Both are reserved generously (either may end up with most rows, as the
        // threads are scheduled): untouched pages cost nothing, a grown buffer a copy.
        var low = new RowReach(n, ptr, adj, order, inverse, parent, Math.Max(16, 8 * ptr[n]), lcount);
        var highCount = new int[n + 1];
        var high = new RowReach(n, ptr, adj, order, inverse, parent, Math.Max(16, 8 * ptr[n]), highCount);
        var gate = new object();
        int lo = 0, hi = n;
        var highChunks = new List<(int From, int To, int Offset)>();
        var worker = Task.Run(() =>
        {
            while (true)
            {
                int from, to;
                lock (gate)
                {
                    if (hi <= lo) return;
                    to = hi;
                    from = Math.Max(lo, hi - Chunk);
                    hi = from;
                }
                highChunks.Add((from, to, high.Count));
                high.Append(from, to, up);
            }
        });
        while (true)
        {
            int from, to;
            lock (gate)
            {
                if (lo >= hi) break;
                from = lo;
                to = Math.Min(hi, lo + Chunk);
                lo = to;
            }
            low.Append(from, to, up);
        }
        worker.Wait();
        int m = lo;

        int total = low.Count + high.Count;
        var ui = low.Buffer;
        if (total > ui.Length)
        {
            var grown = GC.AllocateUninitializedArray<int>(total);
            Array.Copy(ui, grown, low.Count);
            ui = grown;
        }
        int pos = low.Count;
        for (int c = highChunks.Count - 1; c >= 0; c--)
        {
            var (from, to, offset) = highChunks[c];
            int end = c + 1 < highChunks.Count ? highChunks[c + 1].Offset : high.Count;
            Array.Copy(high.Buffer, offset, ui, pos, end - offset);
            for (int k = from; k < to; k++) up[k] += pos - offset;
            pos += end - offset;
        }
        up[n] = total;

        // Column counts, and where the rows from m on start in each column.
        var highFill = new int[n];
        for (int j = 0; j < n; j++)
        {
            lcount[j + 1] += highCount[j + 1] + lcount[j];
        }
        var lp = (int[])lcount.Clone();
        for (int j = 0; j < n; j++) highFill[j] = lp[j + 1] - highCount[j + 1];
        var li = GC.AllocateUninitializedArray<int>(total);
        var transposeHigh = Task.Run(() => Transpose(m, n, up, ui, li, highFill));
        Transpose(0, m, up, ui, li, lcount);
        transposeHigh.Wait();
        return (up, ui, lp, li);
    }

    /// <summary>L column j gets row k for every j in the U(:,k) pattern, rows from..to-1, at fill[j] onwards.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(int from, int to, int[] up, int[] ui, int[] li, int[] fill)
    {
        for (int k = from; k < to; k++)
            for (int p = up[k]; p < up[k + 1]; p++) li[fill[ui[p]]++] = k;
    }

    /// <summary>
    /// Row k of L (= column k of U): climb the elimination tree from each neighbour i &lt; k until a node already
    /// seen. Each path goes on a stack in front of the earlier ones, which leaves the column in topological order
    /// (Davis, cs_ereach): every j comes before the ancestors it updates. One instance per thread.
    /// </summary>
    private sealed class RowReach(int n, int[] ptr, int[] adj, int[] order, int[] inverse, int[] parent, int capacity, int[] lcount)
    {
        private readonly int[] _mark = NewMarks(n);
        private readonly int[] _path = new int[n];
        private readonly int[] _stack = new int[n];

        /// <summary>The patterns appended so far (uninitialized beyond <see cref="Count"/>).</summary>
        public int[] Buffer { get; private set; } = GC.AllocateUninitializedArray<int>(capacity);

        /// <summary>Entries appended so far.</summary>
        public int Count { get; private set; }

        private static int[] NewMarks(int n)
        {
            var mark = new int[n];
            Array.Fill(mark, -1);
            return mark;
        }

        /// <summary>
        /// Appends the patterns of rows from..to-1, sets start[k] to where row k's begins and counts each entry's
        /// column in lcount[j + 1].
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Append(int from, int to, int[] start)
        {
            var mark = _mark;
            var path = _path;
            var stack = _stack;
            var ui = Buffer;
            int unz = Count;
            for (int k = from; k < to; k++)
            {
                start[k] = unz;
                mark[k] = k;
                int top = n;
                int node = order[k];
                for (int p = ptr[node]; p < ptr[node + 1]; p++)
                {
                    int len = 0;
                    for (int i = inverse[adj[p]]; i < k && mark[i] != k; i = parent[i])
                    {
                        mark[i] = k;
                        path[len++] = i;
                    }
                    while (len > 0) stack[--top] = path[--len];
                }
                int count = n - top;
                if (unz + count > ui.Length)
                {
                    var grown = GC.AllocateUninitializedArray<int>(Math.Max(2 * ui.Length, unz + count));
                    Array.Copy(ui, grown, unz);
                    ui = grown;
                    Buffer = ui;
                }
                Array.Copy(stack, top, ui, unz, count);
                for (int t = top; t < n; t++) lcount[stack[t] + 1]++;
                unz += count;
            }
            Count = unz;
        }
    }

    /// <summary>
    /// Cost of factoring in <paramref name="order"/> with diagonal pivots, without storing the patterns:
    /// multiply-adds of the numeric factorization (Σ over columns of |L(:,j)|·(|U(j,:)| + 1)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Operations(int n, int[] ptr, int[] adj, int[] order)
    {
        var inverse = new int[n];
        for (int k = 0; k < n; k++) inverse[order[k]] = k;
        var parent = EliminationTree(n, ptr, adj, order, inverse);
        var mark = new int[n];
        Array.Fill(mark, -1);
        var count = new long[n];
        for (int k = 0; k < n; k++)
        {
            mark[k] = k;
            int node = order[k];
            for (int p = ptr[node]; p < ptr[node + 1]; p++)
            {
                for (int i = inverse[adj[p]]; i < k && mark[i] != k; i = parent[i])
                {
                    mark[i] = k;
                    count[i]++;
                }
            }
        }
        long ops = 0;
        foreach (long c in count) ops += c * (c + 1);
        return ops;
    }

    /// <summary>The same operation count read off built L column pointers (|U(j,:)| = |L(:,j)| by symmetry).</summary>
    public static long Operations(int[] lp)
    {
        long ops = 0;
        for (int j = 0; j + 1 < lp.Length; j++)
        {
            long c = lp[j + 1] - lp[j];
            ops += c * (c + 1);
        }
        return ops;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] EliminationTree(int n, int[] ptr, int[] adj, int[] order, int[] inverse)
    {
        var parent = new int[n];
        var ancestor = new int[n];
        for (int k = 0; k < n; k++)
        {
            parent[k] = -1;
            ancestor[k] = -1;
            int node = order[k];
            for (int p = ptr[node]; p < ptr[node + 1]; p++)
            {
                int i = inverse[adj[p]];
                while (i != -1 && i < k)
                {
                    int next = ancestor[i];
                    ancestor[i] = k;
                    if (next == -1)
                    {
                        parent[i] = k;
                        break;
                    }
                    i = next;
                }
            }
        }
        return parent;
    }

    /// <summary>
    /// Moves every unknown whose diagonal is structurally zero (a voltage-defined branch current in MNA) to just after
    /// its earliest neighbour, so that by its turn the elimination has made its diagonal nonzero and a diagonal
    /// pivot exists (the pair is effectively eliminated as a 2×2 block).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] DelayZeroDiagonals(CscMatrix a, int[] ptr, int[] adj, int[] order)
    {
        int n = a.Size;
        var position = new int[n];
        for (int k = 0; k < n; k++) position[order[k]] = k;
        var anchor = new int[n]; // position of the neighbour a delayed unknown follows, -1 when it keeps its place
        var delayedAt = new int[n + 1];
        bool moved = false;
        for (int j = 0; j < n; j++)
        {
            anchor[j] = -1;
            if (a.IndexOf(j, j) >= 0) continue;
            int earliest = int.MaxValue;
            for (int p = ptr[j]; p < ptr[j + 1]; p++) earliest = Math.Min(earliest, position[adj[p]]);
            if (earliest != int.MaxValue && earliest > position[j])
            {
                anchor[j] = earliest;
                delayedAt[earliest + 1]++;
                moved = true;
            }
        }
        if (!moved) return order;
        // Bucket the delayed unknowns by anchor (ascending unknown index within a bucket), then merge in one pass.
        for (int k = 0; k < n; k++) delayedAt[k + 1] += delayedAt[k];
        var delayed = new int[delayedAt[n]];
        var fill = (int[])delayedAt.Clone();
        for (int j = 0; j < n; j++) if (anchor[j] >= 0) delayed[fill[anchor[j]]++] = j;
        var result = new int[n];
        int r = 0;
        for (int k = 0; k < n; k++)
        {
            int j = order[k];
            if (anchor[j] < 0) result[r++] = j;
            for (int t = delayedAt[k]; t < delayedAt[k + 1]; t++) result[r++] = delayed[t];
        }
        return result;
    }
}
