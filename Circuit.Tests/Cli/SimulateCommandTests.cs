using System.Globalization;

namespace Bmcnn.Tests.Cli;

public class SimulateCommandTests
{
    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "Netlists", "Examples", name);

    [Fact]
    public void When_rc_step_is_simulated_with_csv_and_plot_Expect_one_file_each_with_the_probes()
    {
        var folder = Directory.CreateTempSubdirectory("bmcnn-simulate-").FullName;
        try
        {
            var csv = Path.Combine(folder, "rc.csv");
            var png = Path.Combine(folder, "rc.png");
            var (code, output, error) = SolveCommandTests.Run("simulate", Example("rc-step.cir"), "--csv", csv, "--plot", png,
                "--probe", "V(out),I(V1)");
            Assert.True(code == 0, error);
            Assert.Contains("tran: ", output);
            var lines = File.ReadAllLines(Path.Combine(folder, "rc.tran.csv"));
            Assert.Equal("time,v(out),i(v1)", lines[0]);
            var last = lines[^1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(5e-3, last[0]);
            Assert.Equal(1 - Math.Exp(-5), last[1], 3);
            Assert.True(new FileInfo(Path.Combine(folder, "rc.tran.png")).Length > 1000);
            Assert.Empty(Directory.GetFiles(folder, "*.tmp*"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void When_probe_names_no_signal_Expect_exit_2_and_one_line()
    {
        var (code, _, error) = SolveCommandTests.Run("simulate", Example("diode-iv.cir"), "--probe", "V(nowhere)");
        Assert.Equal(2, code);
        Assert.Equal("error: no signal 'v(nowhere)' in the dc results", error.Trim());
    }

    [Fact]
    public void When_deck_has_no_analysis_Expect_the_operating_point()
    {
        var (code, output, error) = SolveCommandTests.Run("simulate", Example("divider.cir"));
        Assert.True(code == 0, error);
        Assert.StartsWith("op: 1 point", output);
    }

    [Fact]
    public void When_time_step_collapses_Expect_exit_2_and_one_line_naming_time_and_node()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bmcnn-collapse-{Guid.NewGuid():N}.cir");
        File.WriteAllText(path, "collapse\nV1 b 0 SIN(1 2 1k)\nR1 b a 1k\nC1 a 0 1n\nB1 a 0 I=1e-3*ln(V(b)+0.5)\n.tran 1u 1m\n.end\n");
        try
        {
            var (code, _, error) = SolveCommandTests.Run("simulate", path);
            Assert.Equal(2, code);
            var line = Assert.Single(error.Trim().Split('\n'));
            Assert.StartsWith("error: transient analysis: time step too small at t = ", line);
            Assert.Contains("V(b) = ", line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void When_loop_is_plotted_with_xy_Expect_a_png_and_two_probes_required()
    {
        var folder = Directory.CreateTempSubdirectory("bmcnn-simulate-").FullName;
        try
        {
            var png = Path.Combine(folder, "loop.png");
            var (code, _, error) = SolveCommandTests.Run("simulate", Example("memristor-vteam.cir"), "--plot", png, "--probe", "V(a),I(V1)", "--xy");
            Assert.True(code == 0, error);
            Assert.True(new FileInfo(Path.Combine(folder, "loop.tran.png")).Length > 1000);
            (code, _, error) = SolveCommandTests.Run("simulate", Example("memristor-vteam.cir"), "--plot", png, "--probe", "V(a)", "--xy");
            Assert.Equal(2, code);
            Assert.Contains("needs two probes", error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
