using Bmcnn.Circuit.Algebra;

namespace Bmcnn.Tests.Circuit.Algebra;

public class SparseLuTests
{
    [Theory]
    [InlineData(FillOrdering.Natural)]
    [InlineData(FillOrdering.Amd)]
    [InlineData(FillOrdering.NestedDissection)]
    [InlineData(FillOrdering.Automatic)]
    public void When_random_unsymmetric_systems_with_zero_diagonals_Expect_dense_lu_solution(FillOrdering ordering)
    {
        int searched = 0, diagonal = 0;
        for (int seed = 1; seed <= 60; seed++)
        {
            int n = seed % 7 == 0 ? 220 + seed : 1 + seed % 47; // some large enough to be dissected
            var a = RandomSystems.Unsymmetric(n, 3.0 / n, seed, permuteRows: seed % 3 != 0);
            var b = RandomSystems.Vector(n, seed + 1000);
            var expected = MathNetReference.Solve(a.ToDense(), b);

            var lu = new SparseLu(a, ordering);
            lu.Factor();
            var x = (double[])b.Clone();
            lu.Solve(x);

            Assert.True(RandomSystems.RelativeError(x, expected) < 1e-9, $"seed {seed}, n {n}");
            Assert.True(Residual(a, x, b) < 1e-10, $"seed {seed}: residual");
            searched += lu.PivotingFactorizations;
            diagonal += lu.DiagonalFactorizations;
        }
        // Both paths ran: diagonal pivots where the rows were not permuted, a pivot search where they were.
        Assert.True(searched > 10 && diagonal > 10, $"{searched} searched, {diagonal} diagonal");
    }

    [Fact]
    public void When_values_change_and_refactor_Expect_same_as_fresh_factorization()
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            int n = 10 + seed * 3;
            var a = RandomSystems.Unsymmetric(n, 4.0 / n, seed, permuteRows: false);
            var lu = new SparseLu(a);
            lu.Factor();
            // New values on the same pattern, kept diagonally weighted so the old pivots stay acceptable.
            var random = new Random(seed + 77);
            for (int j = 0; j < n; j++)
                for (int p = a.ColumnPointers[j]; p < a.ColumnPointers[j + 1]; p++)
                    a.Values[p] = a.RowIndices[p] == j ? 3 + random.NextDouble() : random.NextDouble() - 0.5;
            lu.Factor();
            Assert.Equal(1, lu.PivotingFactorizations + lu.DiagonalFactorizations);
            Assert.Equal(1, lu.Refactorizations);

            var fresh = new SparseLu(a);
            fresh.Factor();
            var b = RandomSystems.Vector(n, seed);
            var x1 = (double[])b.Clone();
            var x2 = (double[])b.Clone();
            lu.Solve(x1);
            fresh.Solve(x2);
            Assert.True(RandomSystems.RelativeError(x1, x2) < 1e-12, $"seed {seed}");
            Assert.True(Residual(a, x1, b) < 1e-12);
        }
    }

    [Fact]
    public void When_reused_pivot_becomes_zero_Expect_repivoting_and_correct_solution()
    {
        var builder = new SparseMatrixBuilder(3);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) builder.Entry(i, j);
        var a = builder.Build();
        double[,] first = { { 4, 1, 0 }, { 1, 3, 1 }, { 0, 1, 2 } };
        double[,] second = { { 0, 1, 2 }, { 1, 0, 1 }, { 2, 1, 0 } };
        Fill(a, first);
        var lu = new SparseLu(a, FillOrdering.Natural);
        lu.Factor();
        Fill(a, second);
        lu.Factor();
        Assert.Equal(1, lu.DiagonalFactorizations);
        Assert.Equal(1, lu.PivotingFactorizations);
        var b = new double[] { 1, 2, 3 };
        var expected = MathNetReference.Solve(second, b);
        lu.Solve(b);
        Assert.True(RandomSystems.RelativeError(b, expected) < 1e-14);
    }

    [Fact]
    public void When_many_right_hand_sides_Expect_each_column_solved()
    {
        var a = RandomSystems.Unsymmetric(40, 0.08, 5, permuteRows: true);
        var lu = new SparseLu(a);
        lu.Factor();
        var dense = a.ToDense();
        const int count = 7;
        var block = RandomSystems.Vector(40 * count, 9);
        var original = (double[])block.Clone();
        lu.Solve(block, count);
        for (int c = 0; c < count; c++)
        {
            var expected = MathNetReference.Solve(dense, original.AsSpan(c * 40, 40));
            Assert.True(RandomSystems.RelativeError(block.AsSpan(c * 40, 40), expected) < 1e-10, $"column {c}");
        }
    }

    [Fact]
    public void When_solving_transposed_Expect_dense_lu_of_transpose()
    {
        for (int seed = 1; seed <= 15; seed++)
        {
            int n = 5 + seed * 4;
            var a = RandomSystems.Unsymmetric(n, 3.0 / n, seed, permuteRows: true);
            var lu = new SparseLu(a);
            lu.Factor();
            var b = RandomSystems.Vector(n, seed + 5);
            var expected = MathNetReference.Solve(RandomSystems.Transpose(a.ToDense()), b);
            lu.SolveTransposed(b);
            Assert.True(RandomSystems.RelativeError(b, expected) < 1e-9, $"seed {seed}");
        }
    }

    [Fact]
    public void When_crossbar_with_wire_resistance_Expect_dense_lu_solution_and_refactor_for_new_devices()
    {
        var crossbar = new CrossbarSystem(6, 7);
        crossbar.Program(seed: 1);
        var lu = new SparseLu(crossbar.Matrix);
        lu.Factor();
        for (int trial = 0; trial < 3; trial++)
        {
            if (trial > 0)
            {
                crossbar.Program(seed: 100 + trial, sigma: 0.5);
                lu.Factor();
            }
            var b = crossbar.Inputs(seed: trial);
            var expected = MathNetReference.Solve(crossbar.Matrix.ToDense(), b);
            lu.Solve(b);
            Assert.True(RandomSystems.RelativeError(b, expected) < 1e-10, $"trial {trial}");
        }
        // Branch currents (zero diagonals) were ordered after their nodes, so no pivot search was needed.
        Assert.Equal(1, lu.DiagonalFactorizations);
        Assert.Equal(0, lu.PivotingFactorizations);
        Assert.Equal(2, lu.Refactorizations);
    }

    [Fact]
    public void When_factored_on_two_threads_Expect_bit_identical_order_factors_and_solutions()
    {
        var crossbar = new CrossbarSystem(48, 48);
        crossbar.Program(seed: 3);
        var one = new SparseLu(crossbar.Matrix);
        var two = new SparseLu(crossbar.Matrix, FillOrdering.Automatic, threads: 2);
        Assert.False(one.FactorsOnTwoThreads);
        Assert.True(two.FactorsOnTwoThreads);
        Assert.Equal(one.ColumnOrder.ToArray(), two.ColumnOrder.ToArray());
        for (int trial = 0; trial < 3; trial++)
        {
            if (trial > 0) crossbar.Program(seed: 30 + trial, sigma: 0.5);
            one.Factor();
            two.Factor();
            var b = crossbar.Inputs(seed: trial);
            var x1 = (double[])b.Clone();
            var x2 = (double[])b.Clone();
            one.Solve(x1);
            two.Solve(x2);
            Assert.Equal(x1, x2); // bit for bit, not within a tolerance
            Assert.True(MathNetReference.ScaledResidual(crossbar.Matrix, x2, b) < 1e-14, $"trial {trial}");
        }
        Assert.Equal(1, two.DiagonalFactorizations);
        Assert.Equal(2, two.Refactorizations);
    }

    [Fact]
    public void When_pivots_are_reset_Expect_a_pivot_search_on_one_thread_and_refactorizations_on_its_patterns()
    {
        var crossbar = new CrossbarSystem(48, 48);
        crossbar.Program(seed: 4);
        var lu = new SparseLu(crossbar.Matrix, FillOrdering.Automatic, threads: 2);
        lu.ResetPivots(); // nothing factored yet: the first factorization still tries the diagonal pivots
        lu.Factor();
        Assert.True(lu.IsSymmetricFactorization && lu.FactorsOnTwoThreads);
        lu.ResetPivots();
        Assert.False(lu.IsFactored);
        Assert.Throws<InvalidOperationException>(() => lu.Solve(new double[crossbar.Size]));
        lu.Factor();
        Assert.False(lu.IsSymmetricFactorization || lu.FactorsOnTwoThreads); // the search leaves the symbolic patterns
        crossbar.Program(seed: 5);
        lu.Factor();
        Assert.Equal((1, 1, 1, 0), (lu.DiagonalFactorizations, lu.PivotingFactorizations, lu.Refactorizations, lu.SymmetricFactorizations - 1));
        var b = crossbar.Inputs(seed: 6);
        var x = (double[])b.Clone();
        lu.Solve(x);
        Assert.True(MathNetReference.ScaledResidual(crossbar.Matrix, x, b) < 1e-14);
    }

    [Fact]
    public void When_column_is_empty_Expect_singular_exception_naming_that_column()
    {
        var builder = new SparseMatrixBuilder(5);
        for (int i = 0; i < 5; i++)
        {
            if (i == 3) continue;
            builder.Entry(i, i);
            if (i > 0) builder.Entry(i - 1, i);
        }
        builder.Entry(3, 4);
        var a = builder.Build();
        for (int p = 0; p < a.NonZeros; p++) a.Values[p] = 1;
        foreach (var ordering in new[] { FillOrdering.Natural, FillOrdering.Amd })
        {
            var lu = new SparseLu(a, ordering);
            var error = Assert.Throws<SingularMatrixException>(lu.Factor);
            Assert.Equal(3, error.Column);
        }
    }

    [Fact]
    public void When_two_columns_are_equal_Expect_singular_exception_naming_one_of_them()
    {
        double[,] dense =
        {
            { 2, 1, 1, 0 },
            { 1, 3, 1, 1 },
            { 0, 1, 0, 2 },
            { 1, 0, 1, 1 },
        };
        var builder = new SparseMatrixBuilder(4);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                if (dense[i, j] != 0) builder.Entry(i, j);
        var a = builder.Build();
        // Column 2 := column 0 (same pattern), so the matrix is numerically singular.
        for (int i = 0; i < 4; i++) dense[i, 2] = dense[i, 0];
        builder.Entry(0, 2);
        builder.Entry(3, 2);
        builder.Entry(1, 2);
        a = builder.Build();
        Fill(a, dense);
        var natural = Assert.Throws<SingularMatrixException>(() => new SparseLu(a, FillOrdering.Natural).Factor());
        Assert.Equal(2, natural.Column);
        var amd = Assert.Throws<SingularMatrixException>(() => new SparseLu(a, FillOrdering.Amd).Factor());
        Assert.Contains(amd.Column, new[] { 0, 2 });
    }

    [Fact]
    public void When_matrix_is_1x1_or_empty_Expect_trivial_solutions()
    {
        var builder = new SparseMatrixBuilder(1);
        builder.Entry(0, 0);
        var a = builder.Build();
        a.Values[0] = 4;
        var lu = new SparseLu(a);
        lu.Factor();
        var b = new double[] { 2 };
        lu.Solve(b);
        Assert.Equal(0.5, b[0], 15);
        lu.SolveTransposed(b);
        Assert.Equal(0.125, b[0], 15);
        Assert.Equal(1, lu.FactorNonZeros);

        a.Values[0] = 0;
        Assert.Equal(0, Assert.Throws<SingularMatrixException>(lu.Factor).Column);

        var empty = new SparseLu(new SparseMatrixBuilder(0).Build());
        empty.Factor();
        empty.Solve(Span<double>.Empty);
        empty.Solve(Array.Empty<double>(), 3);
        Assert.Equal(0, empty.FactorNonZeros);
    }

    [Fact]
    public void When_solving_before_factoring_Expect_invalid_operation()
    {
        var a = RandomSystems.Grid(3);
        var lu = new SparseLu(a);
        Assert.Throws<InvalidOperationException>(() => lu.Solve(new double[9]));
    }

    private static void Fill(CscMatrix a, double[,] dense)
    {
        a.Clear();
        for (int j = 0; j < a.Size; j++)
            for (int p = a.ColumnPointers[j]; p < a.ColumnPointers[j + 1]; p++)
                a.Values[p] = dense[a.RowIndices[p], j];
    }

    private static double Residual(CscMatrix a, double[] x, double[] b)
    {
        var ax = new double[a.Size];
        a.Multiply(x, ax);
        double r = 0, scale = 0;
        for (int i = 0; i < a.Size; i++)
        {
            r = Math.Max(r, Math.Abs(ax[i] - b[i]));
            scale = Math.Max(scale, Math.Abs(b[i]));
        }
        return r / Math.Max(scale, 1e-300);
    }
}
