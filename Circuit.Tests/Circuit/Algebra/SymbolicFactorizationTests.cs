using Bmcnn.Circuit.Algebra;

namespace Bmcnn.Tests.Circuit.Algebra;

public class SymbolicFactorizationTests
{
    [Theory]
    [InlineData(FillOrdering.NestedDissection)]
    [InlineData(FillOrdering.Amd)]
    [InlineData(FillOrdering.Natural)]
    public void When_patterns_are_built_on_two_threads_Expect_the_same_arrays_as_on_one(FillOrdering ordering)
    {
        var crossbar = new CrossbarSystem(46, 47);
        var m = crossbar.Matrix;
        int n = m.Size;
        Assert.True(n >= SymbolicFactorization.ParallelSize);
        var (ptr, adj) = AmdOrdering.SymmetricPattern(m);
        int[] order = ordering switch
        {
            FillOrdering.NestedDissection => NestedDissectionOrdering.Order(n, ptr, adj),
            FillOrdering.Amd => AmdOrdering.Order(n, ptr, adj),
            _ => Enumerable.Range(0, n).ToArray(),
        };
        var one = SymbolicFactorization.Build(n, ptr, adj, order);
        var two = SymbolicFactorization.Build(n, ptr, adj, order, threads: 2);
        Assert.Equal(one.Up, two.Up);
        Assert.Equal(one.Ui.AsSpan(0, one.Up[n]).ToArray(), two.Ui.AsSpan(0, two.Up[n]).ToArray());
        Assert.Equal(one.Lp, two.Lp);
        Assert.Equal(one.Li, two.Li);
        Assert.Equal(SymbolicFactorization.Operations(n, ptr, adj, order), SymbolicFactorization.Operations(two.Lp));
    }
}
