using Bmcnn.Circuit.Algebra;

namespace Bmcnn.Tests.Circuit.Algebra;

public class AmdOrderingTests
{
    [Fact]
    public void When_random_patterns_Expect_a_permutation()
    {
        for (int seed = 1; seed <= 40; seed++)
        {
            int n = 1 + seed * 7;
            var a = RandomSystems.Unsymmetric(n, Math.Min(1, (seed % 5 + 1) * 2.0 / n), seed, permuteRows: true);
            AssertPermutation(AmdOrdering.Order(a), n);
        }
    }

    [Fact]
    public void When_grid_Expect_less_fill_than_natural_order()
    {
        var grid = RandomSystems.Grid(30);
        AssertPermutation(AmdOrdering.Order(grid), grid.Size);
        var amd = new SparseLu(grid, FillOrdering.Amd);
        amd.Factor();
        var natural = new SparseLu(grid, FillOrdering.Natural);
        natural.Factor();
        // Natural order of a k×k grid fills the band: about 2k³ entries; minimum degree stays near n·log n.
        Assert.True(amd.FactorNonZeros < 0.6 * natural.FactorNonZeros, $"AMD {amd.FactorNonZeros} vs natural {natural.FactorNonZeros}");
    }

    [Fact]
    public void When_crossbar_Expect_permutation_and_fill_far_below_natural()
    {
        var crossbar = new CrossbarSystem(16, 16);
        crossbar.Program(seed: 3);
        AssertPermutation(AmdOrdering.Order(crossbar.Matrix), crossbar.Size);
        var amd = new SparseLu(crossbar.Matrix);
        amd.Factor();
        var natural = new SparseLu(crossbar.Matrix, FillOrdering.Natural);
        natural.Factor();
        Assert.True(amd.FactorNonZeros < 0.5 * natural.FactorNonZeros, $"AMD {amd.FactorNonZeros} vs natural {natural.FactorNonZeros}");
    }

    [Fact]
    public void When_one_scratch_orders_many_patterns_Expect_the_orders_of_fresh_runs()
    {
        // Nested dissection reuses one scratch for all its pieces: a dirty, oversized workspace must not change a result.
        var scratch = new AmdOrdering.Scratch();
        foreach (int seed in new[] { 5, 1, 9, 2, 7, 3 })
        {
            int n = 20 + 40 * seed;
            var a = RandomSystems.Unsymmetric(n, 4.0 / n, seed, permuteRows: true);
            var (ptr, adj) = AmdOrdering.SymmetricPattern(a);
            Assert.Equal(AmdOrdering.Order(n, ptr, adj), AmdOrdering.Order(n, ptr, adj, scratch));
        }
        var (gridPtr, gridAdj) = AmdOrdering.SymmetricPattern(RandomSystems.Grid(12));
        Assert.Equal(AmdOrdering.Order(144, gridPtr, gridAdj), AmdOrdering.Order(144, gridPtr, gridAdj, scratch));
    }

    [Fact]
    public void When_pattern_is_structurally_symmetric_Expect_the_adjacency_of_the_general_symmetrization()
    {
        var crossbar = new CrossbarSystem(12, 9);
        crossbar.Program(seed: 4);
        foreach (var a in new[] { crossbar.Matrix, RandomSystems.Grid(9) })
        {
            var (ptr, adj) = AmdOrdering.SymmetricPattern(a);
            var (generalPtr, generalAdj) = AmdOrdering.Symmetrized(a);
            Assert.Equal(generalPtr, ptr);
            Assert.Equal(generalAdj, adj);
        }
        // An unsymmetric pattern still gets both directions of every entry.
        var builder = new SparseMatrixBuilder(3);
        builder.Entry(0, 1);
        builder.Entry(2, 2);
        var (p3, a3) = AmdOrdering.SymmetricPattern(builder.Build());
        Assert.Equal(new[] { 0, 1, 2, 2 }, p3);
        Assert.Equal(new[] { 1, 0 }, a3);
    }

    [Fact]
    public void When_arrow_matrix_Expect_dense_row_ordered_last()
    {
        const int n = 200;
        var builder = new SparseMatrixBuilder(n);
        for (int i = 0; i < n; i++)
        {
            builder.Entry(i, i);
            builder.Entry(0, i);
            builder.Entry(i, 0);
        }
        var order = AmdOrdering.Order(builder.Build());
        AssertPermutation(order, n);
        Assert.Equal(0, order[n - 1]);
    }

    [Fact]
    public void When_tridiagonal_Expect_no_fill()
    {
        const int n = 50;
        var builder = new SparseMatrixBuilder(n);
        for (int i = 0; i < n; i++)
        {
            builder.Entry(i, i);
            if (i + 1 < n) { builder.Entry(i, i + 1); builder.Entry(i + 1, i); }
        }
        var a = builder.Build();
        for (int j = 0; j < n; j++)
            for (int p = a.ColumnPointers[j]; p < a.ColumnPointers[j + 1]; p++) a.Values[p] = a.RowIndices[p] == j ? 4 : -1;
        var lu = new SparseLu(a);
        lu.Factor();
        Assert.Equal(a.NonZeros, lu.FactorNonZeros);
    }

    private static void AssertPermutation(int[] order, int n)
    {
        Assert.Equal(n, order.Length);
        var seen = new bool[n];
        foreach (int i in order)
        {
            Assert.InRange(i, 0, n - 1);
            Assert.False(seen[i], $"{i} appears twice");
            seen[i] = true;
        }
    }
}
