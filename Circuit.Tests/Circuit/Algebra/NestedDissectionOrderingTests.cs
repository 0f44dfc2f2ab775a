using Bmcnn.Circuit.Algebra;

namespace Bmcnn.Tests.Circuit.Algebra;

public class NestedDissectionOrderingTests
{
    [Fact]
    public void When_random_patterns_and_disconnected_pieces_Expect_a_permutation()
    {
        for (int seed = 1; seed <= 12; seed++)
        {
            int n = 150 * seed;
            var a = RandomSystems.Unsymmetric(n, (seed % 3 + 1) * 1.0 / n, seed, permuteRows: true);
            AssertPermutation(NestedDissectionOrdering.Order(a), n);
        }
        AssertPermutation(NestedDissectionOrdering.Order(new SparseMatrixBuilder(0).Build()), 0);
    }

    [Fact]
    public void When_ordered_on_two_threads_Expect_the_same_permutation()
    {
        // Large enough that both halves of the top split go to their own thread (4,000+ vertices each).
        foreach (var a in new[] { RandomSystems.Grid(120), new CrossbarSystem(64, 64).Matrix })
        {
            var (ptr, adj) = AmdOrdering.SymmetricPattern(a);
            var one = NestedDissectionOrdering.Order(a.Size, ptr, adj, 1, out int separatorOne);
            var two = NestedDissectionOrdering.Order(a.Size, ptr, adj, 2, out int separatorTwo);
            AssertPermutation(two, a.Size);
            Assert.Equal(one, two);
            Assert.Equal(separatorOne, separatorTwo);
        }
    }

    [Fact]
    public void When_grid_Expect_fill_below_natural_and_separator_last()
    {
        var grid = RandomSystems.Grid(40);
        var order = NestedDissectionOrdering.Order(grid);
        AssertPermutation(order, grid.Size);
        // The last 40 vertices are the top separator (a cut across the 40×40 grid): without them the grid falls
        // apart into two balanced halves.
        var separator = new HashSet<int>(order.Skip(grid.Size - 40));
        var seen = new HashSet<int> { order[0] };
        var queue = new Queue<int>(seen);
        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            int[] neighbours = { v - 40, v + 40, v % 40 > 0 ? v - 1 : -1, v % 40 < 39 ? v + 1 : -1 };
            foreach (int w in neighbours)
                if (w >= 0 && w < grid.Size && !separator.Contains(w) && seen.Add(w)) queue.Enqueue(w);
        }
        Assert.InRange(seen.Count, 400, grid.Size - 40 - 400);
        var nd = new SparseLu(grid, FillOrdering.NestedDissection);
        nd.Factor();
        var natural = new SparseLu(grid, FillOrdering.Natural);
        natural.Factor();
        Assert.True(nd.FactorNonZeros < 0.5 * natural.FactorNonZeros, $"ND {nd.FactorNonZeros} vs natural {natural.FactorNonZeros}");
    }

    [Fact]
    public void When_crossbar_Expect_fewer_operations_than_amd_and_automatic_choosing_it()
    {
        var crossbar = new CrossbarSystem(32, 32);
        crossbar.Program(seed: 5);
        var nd = new SparseLu(crossbar.Matrix, FillOrdering.NestedDissection);
        nd.Factor();
        var amd = new SparseLu(crossbar.Matrix, FillOrdering.Amd);
        amd.Factor();
        Assert.True(nd.FactorOperations < amd.FactorOperations, $"ND {nd.FactorOperations} vs AMD {amd.FactorOperations}");
        var automatic = new SparseLu(crossbar.Matrix);
        Assert.Equal(FillOrdering.NestedDissection, automatic.Ordering);

        var b = crossbar.Inputs(seed: 1);
        var expected = (double[])b.Clone();
        amd.Solve(expected);
        nd.Solve(b);
        Assert.True(RandomSystems.RelativeError(b, expected) < 1e-10);
    }

    private static void AssertPermutation(int[] order, int n)
    {
        Assert.Equal(n, order.Length);
        var seen = new bool[n];
        foreach (int i in order)
        {
            Assert.False(seen[i], $"{i} appears twice");
            seen[i] = true;
        }
    }
}
