using Bmcnn.Circuit.Algebra;

namespace Bmcnn.Tests.Circuit.Algebra;

/// <summary>The L·D·Lᵀ path of <see cref="SparseLu"/> for numerically symmetric matrices, and its fallbacks.</summary>
public class SparseLdlTests
{
    [Theory]
    [InlineData(FillOrdering.Natural)]
    [InlineData(FillOrdering.Amd)]
    [InlineData(FillOrdering.NestedDissection)]
    [InlineData(FillOrdering.Automatic)]
    public void When_random_symmetric_mna_systems_with_zero_diagonals_Expect_dense_lu_solution_on_symmetric_path(FillOrdering ordering)
    {
        for (int seed = 1; seed <= 40; seed++)
        {
            int nodes = seed % 5 == 0 ? 150 + seed : 2 + seed % 37;
            var a = Mna(nodes, sources: 1 + seed % 9, seed);
            int n = a.Size;
            var b = RandomSystems.Vector(n, seed + 500);
            var expected = MathNetReference.Solve(a.ToDense(), b);

            var lu = new SparseLu(a, ordering);
            lu.Factor();
            Assert.True(lu.IsSymmetricFactorization, $"seed {seed}: symmetric path not taken");
            Assert.Equal(0, lu.PivotingFactorizations);
            var x = (double[])b.Clone();
            lu.Solve(x);
            Assert.True(RandomSystems.RelativeError(x, expected) < 1e-9, $"seed {seed}, n {n}");
            Assert.True(Residual(a, x, b) < 1e-10, $"seed {seed}: residual");

            var t = (double[])b.Clone();
            lu.SolveTransposed(t);
            Assert.True(RandomSystems.RelativeError(t, expected) < 1e-9, $"seed {seed}: transposed");
        }
    }

    [Fact]
    public void When_random_indefinite_symmetric_systems_Expect_dense_lu_solution_and_fallback_only_on_bad_pivots()
    {
        int symmetric = 0, searched = 0;
        for (int seed = 1; seed <= 60; seed++)
        {
            int n = 3 + seed % 41;
            var a = Symmetric(n, 3.0 / n, seed, weakDiagonal: seed % 4 == 0);
            var b = RandomSystems.Vector(n, seed + 7);
            if (MathNetReference.IsSingular(a.ToDense())) continue;
            var lu = new SparseLu(a, FillOrdering.Amd);
            lu.Factor();
            var x = (double[])b.Clone();
            lu.Solve(x);
            Assert.True(Residual(a, x, b) < 1e-9, $"seed {seed}: residual");
            if (lu.IsSymmetricFactorization) symmetric++;
            else searched += lu.PivotingFactorizations;
        }
        // Weak diagonals (zero or tiny entries, random signs) send some systems to the pivot search.
        Assert.True(symmetric > 30 && searched > 3, $"{symmetric} symmetric, {searched} searched");
    }

    [Fact]
    public void When_values_are_not_exactly_symmetric_Expect_lu_path_and_back_when_symmetric_again()
    {
        var crossbar = new CrossbarSystem(5, 6);
        crossbar.Program(seed: 2);
        var a = crossbar.Matrix;
        var lu = new SparseLu(a);
        lu.Factor();
        Assert.True(lu.IsSymmetricFactorization);
        long symmetricOps = lu.FactorOperations;

        // One entry off by one ulp: Newton on a circuit with a controlled source looks like this.
        int p = FirstOffDiagonal(a);
        double original = a.Values[p];
        a.Values[p] = Math.BitIncrement(original);
        lu.Factor();
        Assert.False(lu.IsSymmetricFactorization);
        Assert.Equal(2 * symmetricOps, lu.FactorOperations);
        AssertSolves(lu, a, seed: 1);

        a.Values[p] = original;
        lu.Factor();
        Assert.True(lu.IsSymmetricFactorization);
        AssertSolves(lu, a, seed: 2);
        Assert.Equal(1, lu.DiagonalFactorizations);
        Assert.Equal(2, lu.Refactorizations);
        Assert.Equal(2, lu.SymmetricFactorizations);
        Assert.Equal(0, lu.PivotingFactorizations);

        var unsymmetric = new SparseLu(RandomSystems.Unsymmetric(30, 0.1, 4, permuteRows: false));
        unsymmetric.Factor();
        Assert.False(unsymmetric.IsSymmetricFactorization);
        Assert.Equal(0, unsymmetric.SymmetricFactorizations);
    }

    [Fact]
    public void When_symmetric_pivot_fails_threshold_Expect_fallback_to_pivoting_lu()
    {
        var builder = new SparseMatrixBuilder(3);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) builder.Entry(i, j);
        var a = builder.Build();
        // A diagonal pivot 1e-9 against an entry 1 below it (row-scaled ratio 1e-9, under the 0.001 threshold).
        Fill(a, new double[,] { { 1e-9, 1, 0.5 }, { 1, 1, 0.25 }, { 0.5, 0.25, 2 } });
        var lu = new SparseLu(a, FillOrdering.Natural);
        lu.Factor();
        Assert.False(lu.IsSymmetricFactorization);
        Assert.Equal(1, lu.PivotingFactorizations);
        Assert.Equal(0, lu.SymmetricFactorizations);
        AssertSolves(lu, a, seed: 3);

        // A good symmetric matrix first, then a refactorization whose reused pivot is exactly zero.
        Fill(a, new double[,] { { 4, 1, 0.5 }, { 1, 3, 1 }, { 0.5, 1, 2 } });
        var second = new SparseLu(a, FillOrdering.Natural);
        second.Factor();
        Assert.True(second.IsSymmetricFactorization);
        Fill(a, new double[,] { { 0, 1, 2 }, { 1, 0, 1 }, { 2, 1, 0 } });
        second.Factor();
        Assert.False(second.IsSymmetricFactorization);
        Assert.Equal(1, second.PivotingFactorizations);
        AssertSolves(second, a, seed: 4);
    }

    [Fact]
    public void When_symmetric_matrix_is_singular_Expect_singular_exception_from_fallback()
    {
        var builder = new SparseMatrixBuilder(3);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) builder.Entry(i, j);
        var a = builder.Build();
        Fill(a, new double[,] { { 1, 1, 0 }, { 1, 1, 0 }, { 0, 0, 2 } });
        var lu = new SparseLu(a, FillOrdering.Natural);
        var error = Assert.Throws<SingularMatrixException>(lu.Factor);
        Assert.Contains(error.Column, new[] { 0, 1 });
        Assert.False(lu.IsSymmetricFactorization);
    }

    [Fact]
    public void When_symmetric_factorization_on_two_threads_Expect_bit_identical_factors_and_solutions()
    {
        var crossbar = new CrossbarSystem(48, 48);
        crossbar.Program(seed: 5);
        var one = new SparseLu(crossbar.Matrix);
        var two = new SparseLu(crossbar.Matrix, FillOrdering.Automatic, threads: 2);
        Assert.True(two.FactorsOnTwoThreads);
        for (int trial = 0; trial < 3; trial++)
        {
            if (trial > 0) crossbar.Program(seed: 50 + trial, sigma: 0.5);
            one.Factor();
            two.Factor();
            Assert.True(one.IsSymmetricFactorization && two.IsSymmetricFactorization, $"trial {trial}");
            var b = crossbar.Inputs(seed: trial);
            var x1 = (double[])b.Clone();
            var x2 = (double[])b.Clone();
            one.Solve(x1);
            two.Solve(x2);
            Assert.Equal(x1, x2); // bit for bit
            Assert.True(MathNetReference.ScaledResidual(crossbar.Matrix, x2, b) < 1e-14, $"trial {trial}");
        }
        Assert.Equal(3, two.SymmetricFactorizations);
        Assert.Equal(2, two.Refactorizations);
    }

    [Fact]
    public void When_refactored_with_new_values_Expect_no_allocation_and_same_bits_as_fresh_factorization()
    {
        var crossbar = new CrossbarSystem(12, 10);
        crossbar.Program(seed: 8);
        var lu = new SparseLu(crossbar.Matrix);
        lu.Factor();
        crossbar.Program(seed: 9, sigma: 0.5);
        long before = GC.GetAllocatedBytesForCurrentThread();
        lu.Factor();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(lu.IsSymmetricFactorization);
        Assert.Equal(1, lu.Refactorizations);

        var fresh = new SparseLu(crossbar.Matrix);
        fresh.Factor();
        const int count = 4;
        var block = RandomSystems.Vector(crossbar.Size * count, 11);
        var copy = (double[])block.Clone();
        lu.Solve(block, count);
        fresh.Solve(copy, count);
        Assert.Equal(copy, block);
        var dense = crossbar.Matrix.ToDense();
        var original = RandomSystems.Vector(crossbar.Size * count, 11);
        for (int c = 0; c < count; c++)
        {
            var column = MathNetReference.Solve(dense, original.AsSpan(c * crossbar.Size, crossbar.Size));
            Assert.True(RandomSystems.RelativeError(block.AsSpan(c * crossbar.Size, crossbar.Size), column) < 1e-9, $"column {c}");
        }
    }

    /// <summary>
    /// [G B; Bᵀ 0] of a random connected resistor network (a chain plus random links, some nodes grounded) with
    /// voltage sources on a forest of node pairs and node-to-ground links, so no source loop: nonsingular, indefinite.
    /// Each node has at most one source, as on a crossbar's inputs and outputs: a node shared by two sources leaves
    /// the second branch a zero pivot after the first, which needs the pivot search on either path.
    /// </summary>
    private static CscMatrix Mna(int nodes, int sources, int seed)
    {
        var random = new Random(seed);
        var conductances = new List<(int A, int B, double G)>();
        for (int i = 1; i < nodes; i++) conductances.Add((random.Next(i), i, 0.1 + random.NextDouble()));
        for (int t = 0; t < nodes; t++) conductances.Add((random.Next(nodes), random.Next(nodes), 0.01 + random.NextDouble()));
        for (int i = 0; i < nodes; i++)
            if (i == 0 || random.Next(8) == 0) conductances.Add((i, -1, 0.05 + random.NextDouble()));
        var group = Enumerable.Range(0, nodes + 1).ToArray(); // node `nodes` stands for ground
        int Find(int v) => group[v] == v ? v : group[v] = Find(group[v]);
        var branches = new List<(int Plus, int Minus)>();
        var used = new bool[nodes];
        for (int t = 0; t < 4 * sources && branches.Count < sources; t++)
        {
            int plus = random.Next(nodes), minus = random.Next(3) == 0 ? -1 : random.Next(nodes);
            int ga = Find(plus), gb = Find(minus < 0 ? nodes : minus);
            if (ga == gb || used[plus] || (minus >= 0 && used[minus])) continue;
            group[ga] = gb;
            used[plus] = true;
            if (minus >= 0) used[minus] = true;
            branches.Add((plus, minus));
        }
        int n = nodes + branches.Count;
        var builder = new SparseMatrixBuilder(n);
        foreach (var (x, y, _) in conductances)
        {
            if (x == y) continue;
            if (x >= 0) builder.Entry(x, x);
            if (y >= 0) builder.Entry(y, y);
            if (x >= 0 && y >= 0) { builder.Entry(x, y); builder.Entry(y, x); }
        }
        for (int k = 0; k < branches.Count; k++)
        {
            foreach (int node in new[] { branches[k].Plus, branches[k].Minus })
            {
                if (node < 0) continue;
                builder.Entry(node, nodes + k);
                builder.Entry(nodes + k, node);
            }
        }
        var a = builder.Build();
        foreach (var (x, y, g) in conductances)
        {
            if (x == y) continue;
            if (x >= 0) a.Values[a.IndexOf(x, x)] += g;
            if (y >= 0) a.Values[a.IndexOf(y, y)] += g;
            if (x >= 0 && y >= 0)
            {
                a.Values[a.IndexOf(x, y)] -= g;
                a.Values[a.IndexOf(y, x)] -= g;
            }
        }
        for (int k = 0; k < branches.Count; k++)
        {
            var (plus, minus) = branches[k];
            a.Values[a.IndexOf(plus, nodes + k)] += 1;
            a.Values[a.IndexOf(nodes + k, plus)] += 1;
            if (minus < 0) continue;
            a.Values[a.IndexOf(minus, nodes + k)] -= 1;
            a.Values[a.IndexOf(nodes + k, minus)] -= 1;
        }
        return a;
    }

    /// <summary>A random symmetric sparse matrix with random-sign diagonals, some of them zero or tiny.</summary>
    private static CscMatrix Symmetric(int n, double density, int seed, bool weakDiagonal)
    {
        var random = new Random(seed);
        var entries = new Dictionary<(int, int), double>();
        for (int i = 0; i < n; i++)
        {
            double d = (random.NextDouble() + 0.5) * (random.Next(2) == 0 ? 1 : -1) * 4;
            if (weakDiagonal && random.Next(3) == 0) d = random.Next(2) == 0 ? 0 : d * 1e-7;
            entries[(i, i)] = d;
        }
        int extra = (int)(density * n * n / 2);
        for (int t = 0; t < extra; t++)
        {
            int i = random.Next(n), j = random.Next(n);
            if (i == j) continue;
            double v = random.NextDouble() * 2 - 1;
            entries[(i, j)] = v;
            entries[(j, i)] = v;
        }
        var builder = new SparseMatrixBuilder(n);
        foreach (var ((i, j), _) in entries) builder.Entry(i, j);
        var matrix = builder.Build();
        foreach (var ((i, j), v) in entries) matrix.Values[matrix.IndexOf(i, j)] = v;
        return matrix;
    }

    private static int FirstOffDiagonal(CscMatrix a)
    {
        for (int j = 0; j < a.Size; j++)
            for (int p = a.ColumnPointers[j]; p < a.ColumnPointers[j + 1]; p++)
                if (a.RowIndices[p] != j && a.Values[p] != 0) return p;
        throw new InvalidOperationException("diagonal matrix");
    }

    private static void AssertSolves(SparseLu lu, CscMatrix a, int seed)
    {
        var b = RandomSystems.Vector(a.Size, seed);
        var expected = MathNetReference.Solve(a.ToDense(), b);
        var x = (double[])b.Clone();
        lu.Solve(x);
        Assert.True(RandomSystems.RelativeError(x, expected) < 1e-9, $"seed {seed}");
    }

    private static double Residual(CscMatrix a, double[] x, double[] b)
    {
        var r = new double[a.Size];
        a.Multiply(x, r);
        double max = 0, scale = 0;
        for (int i = 0; i < r.Length; i++)
        {
            max = Math.Max(max, Math.Abs(r[i] - b[i]));
            scale = Math.Max(scale, Math.Abs(b[i]));
        }
        return max / Math.Max(scale, 1e-300);
    }

    private static void Fill(CscMatrix a, double[,] dense)
    {
        a.Clear();
        for (int j = 0; j < a.Size; j++)
            for (int p = a.ColumnPointers[j]; p < a.ColumnPointers[j + 1]; p++)
                a.Values[p] = dense[a.RowIndices[p], j];
    }
}
