using Bmcnn.Circuit.Algebra;

namespace Bmcnn.Tests.Circuit.Algebra;

public class CscMatrixTests
{
    [Fact]
    public void When_entries_declared_twice_in_any_order_Expect_sorted_unique_pattern()
    {
        var builder = new SparseMatrixBuilder(3);
        builder.Entry(2, 0);
        builder.Entry(0, 0);
        builder.Entry(2, 0);
        builder.Entry(1, 2);
        var a = builder.Build();
        Assert.Equal(3, a.NonZeros);
        Assert.Equal(new[] { 0, 2, 2, 3 }, a.ColumnPointers);
        Assert.Equal(new[] { 0, 2, 1 }, a.RowIndices);
        Assert.Equal(1, a.IndexOf(2, 0));
        Assert.Equal(2, a.IndexOf(1, 2));
        Assert.Equal(-1, a.IndexOf(1, 0));
        Assert.Equal(-1, a.IndexOf(5, 0));
    }

    [Fact]
    public void When_multiplying_Expect_dense_product()
    {
        var a = RandomSystems.Unsymmetric(12, 0.2, 4, permuteRows: true);
        var dense = a.ToDense();
        var x = RandomSystems.Vector(12, 1);
        var y = new double[12];
        a.Multiply(x, y);
        var yt = new double[12];
        a.MultiplyTransposed(x, yt);
        for (int i = 0; i < 12; i++)
        {
            double s = 0, st = 0;
            for (int j = 0; j < 12; j++)
            {
                s += dense[i, j] * x[j];
                st += dense[j, i] * x[j];
            }
            Assert.Equal(s, y[i], 12);
            Assert.Equal(st, yt[i], 12);
        }
        a.Clear();
        Assert.All(a.Values, v => Assert.Equal(0, v));
    }

    [Fact]
    public void When_entry_out_of_range_Expect_argument_exception()
    {
        var builder = new SparseMatrixBuilder(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Entry(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Entry(0, -1));
    }
}
