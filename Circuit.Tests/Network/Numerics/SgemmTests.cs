using Bmcnn.Network.Numerics;

namespace Bmcnn.Tests.Network.Numerics;

public class SgemmTests
{
    private static float[] Random(int n, int seed)
    {
        var r = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)(r.NextDouble() * 2 - 1);
        }
        return x;
    }

    private static double[] Naive(bool ta, bool tb, int m, int n, int k, float[] a, int lda, float[] b, int ldb)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    s += (double)(ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    [Theory]
    [InlineData(false, false, 13, 37, 300)]
    [InlineData(false, true, 70, 33, 25)]
    [InlineData(true, false, 9, 65, 513)]
    [InlineData(true, true, 64, 32, 257)]
    [InlineData(true, false, 32, 25, 20000)]
    [InlineData(false, false, 1, 1, 1)]
    public void When_multiplying_any_transpose_and_ragged_sizes_Expect_naive_result(bool ta, bool tb, int m, int n, int k)
    {
        int lda = ta ? m : k, ldb = tb ? k : n;
        var a = Random(m * k, 1);
        var b = Random(k * n, 2);
        var expected = Naive(ta, tb, m, n, k, a, lda, b, ldb);
        var c1 = new float[m * n];
        var c2 = new float[m * n];
        Sgemm.Multiply(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, c1, 0, n, false, 1);
        Sgemm.Multiply(ta, tb, m, n, k, a, 0, lda, b, 0, ldb, c2, 0, n, false, 2);
        for (int i = 0; i < m * n; i++)
        {
            Assert.True(Math.Abs(c1[i] - expected[i]) <= 1e-4 * Math.Sqrt(k) + 1e-5, $"element {i}: {c1[i]} vs {expected[i]}");
            Assert.Equal(c1[i], c2[i]);
        }
    }

    [Fact]
    public void When_accumulating_Expect_sum_added_to_existing_values()
    {
        var a = Random(5 * 7, 3);
        var b = Random(7 * 4, 4);
        var c = new float[20];
        Array.Fill(c, 2f);
        Sgemm.Multiply(false, false, 5, 4, 7, a, 0, 7, b, 0, 4, c, 0, 4, true, 1);
        var expected = Naive(false, false, 5, 4, 7, a, 7, b, 4);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(expected[i] + 2, c[i], 4);
        }
    }
}
