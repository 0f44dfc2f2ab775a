using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// A square sparse matrix in compressed sparse column form with a fixed pattern. Callers look up a value slot once
/// with <see cref="IndexOf"/> and afterwards write <see cref="Values"/> directly, so the Newton loop does no searching.
/// </summary>
public sealed class CscMatrix
{
    /// <summary>
    /// Wraps an existing pattern: <paramref name="columnPointers"/> has size+1 entries, and row indices within each
    /// column are strictly increasing. Values start at zero.
    /// </summary>
    public CscMatrix(int size, int[] columnPointers, int[] rowIndices)
    {
        ArgumentNullException.ThrowIfNull(columnPointers);
        ArgumentNullException.ThrowIfNull(rowIndices);
        if (size < 0 || columnPointers.Length != size + 1 || columnPointers[0] != 0 || columnPointers[size] != rowIndices.Length)
            throw new ArgumentException("column pointers do not match the size and the row indices");
        for (int j = 0; j < size; j++)
        {
            for (int p = columnPointers[j]; p < columnPointers[j + 1]; p++)
            {
                int r = rowIndices[p];
                if ((uint)r >= (uint)size || (p > columnPointers[j] && rowIndices[p - 1] >= r))
                    throw new ArgumentException($"column {j}: row indices must be sorted, unique and in range");
            }
        }
        Size = size;
        ColumnPointers = columnPointers;
        RowIndices = rowIndices;
        Values = new double[rowIndices.Length];
    }

    /// <summary>Matrix dimension (rows = columns).</summary>
    public int Size { get; }

    /// <summary>Start of each column in <see cref="RowIndices"/>/<see cref="Values"/>; Size+1 entries.</summary>
    public int[] ColumnPointers { get; }

    /// <summary>Row index of each stored entry, sorted within a column.</summary>
    public int[] RowIndices { get; }

    /// <summary>Value of each stored entry; written directly by the code that assembles the matrix.</summary>
    public double[] Values { get; }

    /// <summary>Number of stored entries (structural nonzeros).</summary>
    public int NonZeros => RowIndices.Length;

    /// <summary>The value slot of entry (row, col), or -1 when the entry is not in the pattern.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int IndexOf(int row, int col)
    {
        if ((uint)row >= (uint)Size || (uint)col >= (uint)Size) return -1;
        int lo = ColumnPointers[col], hi = ColumnPointers[col + 1];
        int p = Array.BinarySearch(RowIndices, lo, hi - lo, row);
        return p >= 0 ? p : -1;
    }

    /// <summary>
    /// True when (i, j) is stored exactly when (j, i) is, and with <paramref name="values"/> also A(i, j) == A(j, i) bit
    /// for bit: one linear pass, walking each column's upper part against a cursor into the matching column's lower part
    /// (rows are sorted). <paramref name="cursor"/> is scratch of at least Size entries, overwritten.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool IsSymmetric(bool values, int[] cursor)
    {
        var colPtr = ColumnPointers;
        var rows = RowIndices;
        var v = Values;
        for (int j = 0; j < Size; j++)
        {
            int p = colPtr[j], end = colPtr[j + 1];
            for (; p < end; p++)
            {
                int i = rows[p];
                if (i >= j) break;
                int partner = cursor[i]++;
                if (partner >= colPtr[i + 1] || rows[partner] != j || (values && v[partner] != v[p])) return false;
            }
            if (p < end && rows[p] == j) p++;
            cursor[j] = p;
        }
        for (int j = 0; j < Size; j++)
        {
            if (cursor[j] != colPtr[j + 1]) return false;
        }
        return true;
    }

    /// <summary>Sets every value to zero, keeping the pattern.</summary>
    public void Clear() => Array.Clear(Values);

    /// <summary>y = A·x.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length < Size || y.Length < Size) throw new ArgumentException($"vectors must have at least {Size} entries");
        y[..Size].Clear();
        var colPtr = ColumnPointers;
        var rows = RowIndices;
        var values = Values;
        for (int j = 0; j < Size; j++)
        {
            double xj = x[j];
            if (xj == 0) continue;
            for (int p = colPtr[j]; p < colPtr[j + 1]; p++) y[rows[p]] += values[p] * xj;
        }
    }

    /// <summary>y = Aᵀ·x.</summary>
    public void MultiplyTransposed(ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length < Size || y.Length < Size) throw new ArgumentException($"vectors must have at least {Size} entries");
        var colPtr = ColumnPointers;
        var rows = RowIndices;
        var values = Values;
        for (int j = 0; j < Size; j++)
        {
            double sum = 0;
            for (int p = colPtr[j]; p < colPtr[j + 1]; p++) sum += values[p] * x[rows[p]];
            y[j] = sum;
        }
    }

    /// <summary>A dense copy (for tests and small diagnostics).</summary>
    public double[,] ToDense()
    {
        var dense = new double[Size, Size];
        for (int j = 0; j < Size; j++)
            for (int p = ColumnPointers[j]; p < ColumnPointers[j + 1]; p++)
                dense[RowIndices[p], j] += Values[p];
        return dense;
    }
}
