using System.Text.Json;
using Bmcnn.Cli;

namespace Bmcnn.Tests.Cli;

public class SolveCommandTests
{
    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "Netlists", "Examples", name);

    internal static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BmcnnApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void When_divider_is_solved_as_json_Expect_one_object_with_analytic_values()
    {
        var (code, output, error) = Run("solve", Example("divider.cir"), "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(new[] { "nodes", "currents" }, json.RootElement.EnumerateObject().Select(p => p.Name));
        var nodes = json.RootElement.GetProperty("nodes");
        var currents = json.RootElement.GetProperty("currents");
        Assert.Equal(0.75, nodes.GetProperty("mid").GetDouble(), 14);
        Assert.Equal(0.2, nodes.GetProperty("r1").GetDouble(), 15);
        Assert.Equal(0, nodes.GetProperty("c1").GetDouble(), 15);
        // ngspice's sign: current into the plus terminal through the source.
        Assert.Equal(-0.25e-3, currents.GetProperty("v1").GetDouble(), 15);
        Assert.Equal(0.2 / 100 - 0.2 / 16e3, currents.GetProperty("vc1").GetDouble(), 15);
        Assert.Equal(5, currents.EnumerateObject().Count());
    }

    [Fact]
    public void When_solved_without_json_Expect_aligned_table()
    {
        var (code, output, _) = Run("solve", Example("divider.cir"));
        Assert.Equal(0, code);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var mid = Assert.Single(lines, l => l.StartsWith("mid "));
        var v1 = Assert.Single(lines, l => l.StartsWith("v1 "));
        Assert.Equal(mid.Length, v1.Length);
        Assert.Contains("7.500000000000000E-01", mid);
    }

    [Fact]
    public void When_netlist_is_broken_Expect_exit_2_and_one_line_error_with_line_number()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Netlists", "Corpus", "bad-number.cir");
        var (code, output, error) = Run("solve", path, "--json");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: {path}:4: bad number: '1.2.3k'", error.Trim());
    }

    [Fact]
    public void When_file_is_missing_Expect_exit_2()
    {
        var (code, _, error) = Run("solve", "/nonexistent/none.cir");
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
    }

    [Fact]
    public void When_netlist_has_ignored_commands_Expect_warnings_on_error_stream_and_clean_json()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bmcnn-warn-{Guid.NewGuid():N}.cir");
        File.WriteAllText(path, "t\nV1 a 0 1\nR1 a 0 1k\n.temp 50\n.end\n");
        try
        {
            var (code, output, error) = Run("solve", path, "--json");
            Assert.Equal(0, code);
            Assert.Contains($"{path}:4: warning:", error);
            using var json = JsonDocument.Parse(output);
            Assert.Equal(-1e-3, json.RootElement.GetProperty("currents").GetProperty("v1").GetDouble(), 15);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
