using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// Collects the sparsity pattern of an n×n matrix (0-based rows and columns) once per circuit topology and builds a
/// <see cref="CscMatrix"/> with that fixed pattern. Declaring the same entry twice is harmless.
/// </summary>
public sealed class SparseMatrixBuilder
{
    private long[] _entries = new long[64];
    private int _count;

    /// <summary>Starts an empty pattern for a square matrix of the given size.</summary>
    public SparseMatrixBuilder(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Size = size;
    }

    /// <summary>Matrix dimension.</summary>
    public int Size { get; }

    /// <summary>Declares that entry (row, col) may be nonzero. Idempotent.</summary>
    public void Entry(int row, int col)
    {
        if ((uint)row >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Size})");
        if ((uint)col >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(col), col, $"column must be in [0, {Size})");
        if (_count == _entries.Length) Array.Resize(ref _entries, 2 * _entries.Length);
        _entries[_count++] = ((long)col << 32) | (uint)row; // duplicates are dropped by Build
    }

    /// <summary>Builds the compressed-column matrix: rows sorted within each column, all values zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CscMatrix Build()
    {
        var keys = _entries.AsSpan(0, _count).ToArray();
        Array.Sort(keys); // column-major then row order, since the column sits in the high bits
        int unique = 0;
        for (int p = 0; p < keys.Length; p++)
            if (unique == 0 || keys[p] != keys[unique - 1]) keys[unique++] = keys[p];
        Array.Resize(ref keys, unique);
        var colPtr = new int[Size + 1];
        var rowIdx = new int[keys.Length];
        for (int p = 0; p < keys.Length; p++)
        {
            int col = (int)(keys[p] >> 32);
            rowIdx[p] = (int)(keys[p] & 0xffffffffL);
            colPtr[col + 1]++;
        }
        for (int j = 0; j < Size; j++) colPtr[j + 1] += colPtr[j];
        return new CscMatrix(Size, colPtr, rowIdx);
    }
}
