using Bmcnn.Circuit;
using Bmcnn.Circuit.Elements;
using Bmcnn.Netlists;

namespace Bmcnn.Tests.Netlists;

public class NgspiceRunnerTests
{
    private const string Missing = "ngspice is not installed (apt-get install -y ngspice); this test compares against it";

    [SkippableFact]
    public void When_divider_runs_in_ngspice_Expect_analytic_voltages_and_currents()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        var netlist = new Netlist("divider");
        netlist.Add(new VoltageSource("supply", "in", "0", 1));
        netlist.Add(new Resistor("r1", "in", "mid", 1e3));
        netlist.Add(new Resistor("r2", "mid", "0", 3e3));
        netlist.Add(new NonlinearConductor("m", "mid", "0", new SinhLaw(1e-12, 0.25)));

        var result = NgspiceRunner.Run(netlist);

        Assert.Equal(1.0, result.NodeVoltages["in"], 14);
        // Kirchhoff's current law at mid (the device adds ~1e-11 A, which a 0.75 V guess would miss).
        var mid = result.NodeVoltages["mid"];
        var residual = (1 - mid) / 1e3 - mid / 3e3 - 1e-12 * Math.Sinh(mid / 0.25);
        Assert.InRange(Math.Abs(residual), 0, 1e-15);
        Assert.InRange(mid, 0.7499999, 0.75);
        // Keyed by our name although ngspice calls it vsupply; sign: current flows out of the plus terminal.
        Assert.Equal(-(1 - mid) / 1e3, result.BranchCurrents["supply"], 15);
        Assert.Equal(2, result.NodeVoltages.Count);
        Assert.Single(result.BranchCurrents);
    }

    [SkippableFact]
    public void When_hand_written_file_with_subcircuits_runs_Expect_ngspice_names_as_our_reader_makes_them()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        var path = Path.Combine(AppContext.BaseDirectory, "Netlists", "Examples", "subcircuit.cir");
        var result = NgspiceRunner.RunFile(path);
        var netlist = SpiceReader.ReadFile(path).Netlist;

        Assert.Equal(netlist.Nodes.OrderBy(n => n, StringComparer.Ordinal), result.NodeVoltages.Keys.OrderBy(n => n, StringComparer.Ordinal));
        var sources = netlist.Elements.Where(e => e is VoltageSource or Vcvs).Select(e => e.Name);
        Assert.Equal(sources.OrderBy(n => n, StringComparer.Ordinal), result.BranchCurrents.Keys.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Contains("e.xa.eamp", result.BranchCurrents.Keys);
    }

    [SkippableFact]
    public void When_ngspice_cannot_solve_Expect_one_line_error_with_its_message()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        const string loop = "loop\nV1 a 0 1\nV2 a 0 2\nR1 a 0 1k\n" + ".op\n.control\nop\nprint all\nquit\n.endc\n.end\n";
        var ex = Assert.Throws<BmcnnException>(() => NgspiceRunner.RunDeck(loop));
        Assert.StartsWith("ngspice failed", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void When_output_is_parsed_Expect_nodes_and_branch_currents_split()
    {
        const string output = """
            Circuit: t
            No. of Data Rows : 1
            e.x1.x2.e1#branch = -1.33333333333333e-03
            in = 1.000000000000000e+00
            x1.x2.m = 8.333333333333334e-01
            v1#branch = -5.29352707451369e-04
            Node   Last Voltage
            """;
        var (nodes, currents) = NgspiceRunner.Parse(output);
        Assert.Equal(2, nodes.Count);
        Assert.Equal(0.8333333333333334, nodes["x1.x2.m"]);
        Assert.Equal(-1.33333333333333e-03, currents["e.x1.x2.e1"]);
        Assert.Equal(-5.29352707451369e-04, currents["v1"]);
    }
}

public class NgspiceRunnerFailureTests
{
    private const string Deck = "t\nV1 a 0 1\nR1 a 0 1k\n.op\n.control\nop\nprint all\nquit\n.endc\n.end\n";

    [Fact]
    public void When_simulator_executable_is_missing_Expect_one_line_error()
    {
        var ex = Assert.Throws<BmcnnException>(() => NgspiceRunner.RunDeck(Deck, null, "/nonexistent/ngspice"));
        Assert.StartsWith("could not start ngspice (/nonexistent/ngspice)", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [SkippableFact]
    public void When_simulator_fails_Expect_its_first_stderr_lines_in_the_message()
    {
        Skip.If(OperatingSystem.IsWindows() || !File.Exists("/bin/sh"), "needs /bin/sh to stand in for a failing ngspice");
        var script = StandIn("echo 'Error: something broke' >&2\necho 'second line' >&2\nexit 3\n");
        try
        {
            var ex = Assert.Throws<BmcnnException>(() => NgspiceRunner.RunDeck(Deck, null, script));
            Assert.Equal("ngspice failed (exit code 3, 0 values printed): Error: something broke | second line", ex.Message);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [SkippableFact]
    public void When_simulator_hangs_Expect_timeout_error()
    {
        Skip.If(OperatingSystem.IsWindows() || !File.Exists("/bin/sh"), "needs /bin/sh to stand in for a hanging ngspice");
        var script = StandIn("sleep 30\n");
        try
        {
            var ex = Assert.Throws<BmcnnException>(() => NgspiceRunner.RunDeck(Deck, TimeSpan.FromSeconds(1), script));
            Assert.Equal("ngspice did not finish within 1 s", ex.Message);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string StandIn(string body)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bmcnn-fake-ngspice-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }
}
