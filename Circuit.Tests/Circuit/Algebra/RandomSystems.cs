using Bmcnn.Circuit.Algebra;

namespace Bmcnn.Tests.Circuit.Algebra;

/// <summary>Random sparse test matrices from explicit seeds.</summary>
internal static class RandomSystems
{
    /// <summary>
    /// An unsymmetric sparse matrix whose rows are a random permutation of a diagonally weighted matrix, so many
    /// diagonal entries are zero and the factorization must pivot off the diagonal.
    /// </summary>
    public static CscMatrix Unsymmetric(int n, double density, int seed, bool permuteRows)
    {
        var random = new Random(seed);
        var entries = new Dictionary<(int, int), double>();
        for (int i = 0; i < n; i++) entries[(i, i)] = (random.NextDouble() + 0.5) * (random.Next(2) == 0 ? 1 : -1) * 4;
        int extra = (int)(density * n * n);
        for (int t = 0; t < extra; t++) entries[(random.Next(n), random.Next(n))] = random.NextDouble() * 2 - 1;
        var perm = Enumerable.Range(0, n).ToArray();
        if (permuteRows) random.Shuffle(perm);
        var builder = new SparseMatrixBuilder(n);
        foreach (var ((i, j), _) in entries) builder.Entry(perm[i], j);
        var matrix = builder.Build();
        foreach (var ((i, j), v) in entries) matrix.Values[matrix.IndexOf(perm[i], j)] += v;
        return matrix;
    }

    /// <summary>Re-draws the values of an existing pattern (same seeds give the same values).</summary>
    public static void Redraw(CscMatrix matrix, int seed)
    {
        var random = new Random(seed);
        for (int p = 0; p < matrix.NonZeros; p++) matrix.Values[p] = random.NextDouble() * 2 - 1;
    }

    /// <summary>The pattern of a k×k five-point grid Laplacian, with values.</summary>
    public static CscMatrix Grid(int k)
    {
        int n = k * k;
        var builder = new SparseMatrixBuilder(n);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                int a = i * k + j;
                builder.Entry(a, a);
                if (j + 1 < k) { builder.Entry(a, a + 1); builder.Entry(a + 1, a); }
                if (i + 1 < k) { builder.Entry(a, a + k); builder.Entry(a + k, a); }
            }
        }
        var matrix = builder.Build();
        for (int j = 0; j < n; j++)
            for (int p = matrix.ColumnPointers[j]; p < matrix.ColumnPointers[j + 1]; p++)
                matrix.Values[p] = matrix.RowIndices[p] == j ? 4.5 : -1;
        return matrix;
    }

    public static double[] Vector(int n, int seed)
    {
        var random = new Random(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.NextDouble() * 2 - 1;
        return v;
    }

    /// <summary>Largest |a-b| relative to the largest |b|.</summary>
    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        double maxDiff = 0, scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return scale == 0 ? maxDiff : maxDiff / scale;
    }

    public static double[,] Transpose(double[,] a)
    {
        int n = a.GetLength(0);
        var t = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) t[j, i] = a[i, j];
        return t;
    }
}
