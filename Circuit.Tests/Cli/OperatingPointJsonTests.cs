using System.Text;
using System.Text.Json;
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
    [InlineData(33_000, 256)] // several 64 KiB flushes
    public void When_solution_has_any_size_Expect_one_parseable_object_with_every_value_round_tripped(int nodes, int currents)
    {
        var op = RandomSolution(nodes, currents, seed: nodes + currents);
        using var doc = JsonDocument.Parse(OperatingPointJson.Utf8(op));
        var parsedNodes = doc.RootElement.GetProperty("nodes").EnumerateObject().ToList();
        var parsedCurrents = doc.RootElement.GetProperty("currents").EnumerateObject().ToList();
        Assert.Equal(op.NodeNames.ToArray(), parsedNodes.Select(p => p.Name));
        Assert.Equal(op.NodeValues.ToArray(), parsedNodes.Select(p => p.Value.GetDouble()));
        Assert.Equal(op.BranchNames.ToArray(), parsedCurrents.Select(p => p.Name));
        Assert.Equal(op.BranchValues.ToArray(), parsedCurrents.Select(p => p.Value.GetDouble()));
    }

    [Fact]
    public void When_names_need_escaping_or_values_are_extreme_Expect_the_pinned_bytes()
    {
        // The format users' scripts read: two-space indent, default escaping, shortest round-trip numbers.
        string[] names = ["n<1>", "it's", "quote\"d", "\u00fcn", "sum#branch", "a", "b", "c", "v1"];
        double[] values = [-0.0, 5e-324, 1.7976931348623157e308, -2.8887088922925284E-06, 0.2, 123456789012345680, 1e21, 1e-7, 3];
        var op = new OperatingPoint(names, values, 8, 1, "linear");
        var expected = string.Join(Environment.NewLine,
            "{",
            "  \"nodes\": {",
            "    \"n\\u003C1\\u003E\": -0,",
            "    \"it\\u0027s\": 5E-324,",
            "    \"quote\\u0022d\": 1.7976931348623157E+308,",
            "    \"\\u00FCn\": -2.8887088922925284E-06,",
            "    \"sum#branch\": 0.2,",
            "    \"a\": 1.2345678901234568E+17,",
            "    \"b\": 1E+21,",
            "    \"c\": 1E-07",
            "  },",
            "  \"currents\": {",
            "    \"v1\": 3",
            "  }",
            "}");
        Assert.Equal(expected, Encoding.UTF8.GetString(OperatingPointJson.Utf8(op)));
    }

    [Fact]
    public void When_a_value_is_not_finite_Expect_an_error_not_invalid_json()
    {
        var op = new OperatingPoint(["a", "b"], [1, double.NaN], 2, 1, "linear");
        Assert.ThrowsAny<Exception>(() => OperatingPointJson.Utf8(op));
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
