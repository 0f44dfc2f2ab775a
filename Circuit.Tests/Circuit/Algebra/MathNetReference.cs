using Bmcnn.Circuit.Algebra;
using MathNet.Numerics.LinearAlgebra;

namespace Bmcnn.Tests.Circuit.Algebra;

/// <summary>
/// The reference the sparse solver is judged by: MathNet.Numerics' dense LU with partial pivoting, and for systems too
/// large for a dense factorization, the residual computed with MathNet's sparse matrix product.
/// </summary>
internal static class MathNetReference
{
    /// <summary>x with A·x = b, by the dense LU.</summary>
    public static double[] Solve(double[,] a, ReadOnlySpan<double> b) =>
        Matrix<double>.Build.DenseOfArray(a).LU().Solve(Vector<double>.Build.DenseOfArray(b.ToArray())).ToArray();

    /// <summary>Whether the dense LU meets a zero (or not-a-number) pivot.</summary>
    public static bool IsSingular(double[,] a) =>
        Matrix<double>.Build.DenseOfArray(a).LU().U.Diagonal().Any(d => d == 0 || double.IsNaN(d));

    /// <summary>‖b − A·x‖∞ / (‖A‖∞·‖x‖∞ + ‖b‖∞), the backward error of a solution x (about the rounding unit for a stable solver).</summary>
    public static double ScaledResidual(CscMatrix a, ReadOnlySpan<double> x, ReadOnlySpan<double> b)
    {
        var entries = new List<Tuple<int, int, double>>(a.NonZeros);
        for (int j = 0; j < a.Size; j++)
            for (int p = a.ColumnPointers[j]; p < a.ColumnPointers[j + 1]; p++) entries.Add(Tuple.Create(a.RowIndices[p], j, a.Values[p]));
        var matrix = Matrix<double>.Build.SparseOfIndexed(a.Size, a.Size, entries);
        var xv = Vector<double>.Build.DenseOfArray(x.ToArray());
        var bv = Vector<double>.Build.DenseOfArray(b.ToArray());
        return (bv - matrix * xv).InfinityNorm() / (matrix.InfinityNorm() * xv.InfinityNorm() + bv.InfinityNorm());
    }
}
