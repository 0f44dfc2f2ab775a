using System.Text.Json;
using Bmcnn.Cli;

namespace Bmcnn.Tests.Cli;

public class BenchCommandTests
{
    [Fact]
    public void When_benching_a_small_tile_Expect_cold_process_times_and_a_warm_split_in_json()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BmcnnApp.Run(["bench", "solve", "--sizes", "4,8", "--repeat", "2", "--json"], output, error);
        Assert.True(code == 0, error.ToString());
        using var doc = JsonDocument.Parse(output.ToString());
        var sizes = doc.RootElement.GetProperty("sizes").EnumerateArray().ToList();
        Assert.Equal([4, 8], sizes.Select(s => s.GetProperty("n").GetInt32()));
        // 2N² crossing nodes plus N row drivers' nodes; branches: N drivers and N column sources.
        Assert.Equal(2 * 8, sizes[1].GetProperty("branches").GetInt32());
        foreach (var size in sizes)
        {
            // A cold .NET process cannot start, parse and solve in under a millisecond; zero would mean no child ran.
            Assert.InRange(size.GetProperty("wallMinSeconds").GetDouble(), 1e-3, 60);
            Assert.True(size.GetProperty("cpuMedianSeconds").GetDouble() > 1e-3);
            Assert.True(size.GetProperty("warmParseMs").GetDouble() > 0);
        }
        Assert.Contains("cores", doc.RootElement.GetProperty("machine").GetString());
    }

    [Theory]
    [InlineData("--sizes", "0", "--sizes: '0'")]
    [InlineData("--sizes", "12x", "--sizes: '12x'")]
    [InlineData("--repeat", "0", "--repeat must be at least 1")]
    public void When_bench_options_are_impossible_Expect_one_line_error(string option, string value, string message)
    {
        var error = new StringWriter();
        var code = BmcnnApp.Run(["bench", "solve", option, value], new StringWriter(), error);
        Assert.Equal(BmcnnApp.UserError, code);
        Assert.Contains(message, error.ToString());
        Assert.Single(error.ToString().Trim().Split('\n'));
    }
}
