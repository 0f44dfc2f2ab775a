using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// Collects the sparsity pattern of an n×n matrix (0-based rows and columns) once per circuit topology and builds a
/// <see cref="CscMatrix"/> with that fixed pattern. Declaring the same entry twice is harmless.
/// </summary>
public sealed class SparseMatrixBuilder
{
    private long[] _entries;
    private int _count;

    /// <summary>Starts an empty pattern for a square matrix of the given size.</summary>
    public SparseMatrixBuilder(int size)
        : this(size, 64)
    {
    }

    /// <summary>
    /// Starts an empty pattern with room for <paramref name="capacity"/> declarations (duplicates included), so that
    /// a large circuit's pattern is not regrown and copied on the way.
    /// </summary>
    public SparseMatrixBuilder(int size, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Size = size;
        _entries = GC.AllocateUninitializedArray<long>(Math.Max(capacity, 16)); // written before read
    }

    /// <summary>Matrix dimension.</summary>
    public int Size { get; }

    /// <summary>Declares that entry (row, col) may be nonzero. Idempotent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Entry(int row, int col)
    {
        if ((uint)row >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Size})");
        if ((uint)col >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(col), col, $"column must be in [0, {Size})");
        if (_count == _entries.Length)
        {
            var grown = GC.AllocateUninitializedArray<long>(2 * _entries.Length);
            Array.Copy(_entries, grown, _count);
            _entries = grown;
        }
        _entries[_count++] = ((long)col << 32) | (uint)row; // duplicates are dropped by Build
    }

    /// <summary>Builds the compressed-column matrix: rows sorted within each column, all values zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CscMatrix Build()
    {
        // Counting sort by column (linear in the entries; circuit columns are short), then insertion sort and
        // de-duplication within each column.
        int n = Size;
        var entries = _entries;
        var start = new int[n + 1];
        for (int p = 0; p < _count; p++) start[(int)(entries[p] >> 32) + 1]++;
        for (int j = 0; j < n; j++) start[j + 1] += start[j];
        var rows = new int[_count];
        var fill = new int[n];
        Array.Copy(start, fill, n);
        for (int p = 0; p < _count; p++)
        {
            long key = entries[p];
            rows[fill[(int)(key >> 32)]++] = (int)(key & 0xffffffffL);
        }
        var colPtr = new int[n + 1];
        int unique = 0;
        for (int j = 0; j < n; j++)
        {
            int lo = start[j], hi = start[j + 1];
            for (int p = lo + 1; p < hi; p++)
            {
                int r = rows[p], q = p - 1;
                while (q >= lo && rows[q] > r)
                {
                    rows[q + 1] = rows[q];
                    q--;
                }
                rows[q + 1] = r;
            }
            int first = unique;
            for (int p = lo; p < hi; p++)
            {
                if (unique > first && rows[unique - 1] == rows[p]) continue;
                rows[unique++] = rows[p];
            }
            colPtr[j + 1] = unique;
        }
        Array.Resize(ref rows, unique);
        return new CscMatrix(n, colPtr, rows);
    }
}
