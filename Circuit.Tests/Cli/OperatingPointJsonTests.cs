using System.Text;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Cli.Commands;

namespace Bmcnn.Tests.Cli;

public class OperatingPointJsonTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 2)]
    [InlineData(7, 3)]
    [InlineData(5000, 130)] // two threads
    [InlineData(33_000, 256)]
    public void When_solution_has_any_size_Expect_the_bytes_of_utf8jsonwriter(int nodes, int currents)
    {
        var op = RandomSolution(nodes, currents, seed: nodes + currents);
        var expected = OperatingPointJson.WithWriter(op);
        var actual = OperatingPointJson.Utf8(op);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
    }

    [Fact]
    public void When_names_need_escaping_or_values_are_extreme_Expect_the_bytes_of_utf8jsonwriter()
    {
        string[] names = ["n<1>", "a+b", "x1.m", "v&w", "it's", "back\\slash", "quote\"d", "tab\there", "ünï", "grave`", "sum#branch", "c127_127", "n:1$"];
        double[] values = [-0.0, 0, 5e-324, 1e-300, 1.7976931348623157e308, -2.8887088922925284E-06, 0.2, -0.19999999999999993, 1, 123456789012345680, 1e21, 1e-7, 3];
        var op = new OperatingPoint(names, values, 9, 1, "linear");
        Assert.Equal(Encoding.UTF8.GetString(OperatingPointJson.WithWriter(op)), Encoding.UTF8.GetString(OperatingPointJson.Utf8(op)));
    }

    [Fact]
    public void When_a_value_is_not_finite_Expect_the_writers_error()
    {
        var op = new OperatingPoint(["a", "b"], [1, double.NaN], 2, 1, "linear");
        var expected = Assert.ThrowsAny<Exception>(() => OperatingPointJson.WithWriter(op));
        var actual = Assert.ThrowsAny<Exception>(() => OperatingPointJson.Utf8(op));
        Assert.Equal(expected.GetType(), actual.GetType());
    }

    private static OperatingPoint RandomSolution(int nodes, int currents, int seed)
    {
        var random = new Random(seed);
        var names = new string[nodes + currents];
        var values = new double[nodes + currents];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = i < nodes ? $"r{i % 128}_{i / 128}" : $"vin{i - nodes}";
            var magnitude = Math.Pow(10, random.Next(-15, 4));
            values[i] = random.Next(8) == 0 ? Math.Round(random.NextDouble() * 4) : (random.NextDouble() - 0.5) * magnitude;
        }
        return new OperatingPoint(names, values, nodes, 1, "linear");
    }
}
