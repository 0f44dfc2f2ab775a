using System.Text.Json;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Netlists;
using Bmcnn.Tests.Cli;
using Xunit.Abstractions;

namespace Bmcnn.Tests.Netlists;

/// <summary>
/// The outside reference: <c>bmcnn solve --json</c> against ngspice 39 on random crossbar tiles with wire resistance and
/// on nonlinear circuits (sinh memristors, tanh comparators, E/G sources, subcircuits), ≤1e-6 relative everywhere.
/// </summary>
public class NgspiceCrossCheckTests
{
    private const string Missing = "ngspice is not installed (apt-get install -y ngspice); these tests compare our engine against it";
    private const double Tolerance = 1e-6;
    private readonly ITestOutputHelper _log;

    public NgspiceCrossCheckTests(ITestOutputHelper log) => _log = log;

    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "Netlists", "Examples", name);

    // Runs the public interface (bmcnn solve FILE --json) and ngspice on the same file.
    private NgspiceComparison SolveBothWays(string path)
    {
        var (code, output, error) = SolveCommandTests.Run("solve", path, "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var nodes = json.RootElement.GetProperty("nodes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var currents = json.RootElement.GetProperty("currents").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var comparison = NgspiceComparison.Compare(nodes, currents, NgspiceRunner.RunFile(path));
        _log.WriteLine($"{Path.GetFileName(path)}: {comparison}");
        Assert.Empty(comparison.Missing);
        return comparison;
    }

    [SkippableTheory]
    [InlineData(4, 4, 1UL)]
    [InlineData(16, 16, 2UL)]
    [InlineData(64, 64, 3UL)]
    public void When_random_crossbar_with_wire_resistance_is_solved_Expect_ngspice_agreement(int rows, int cols, ulong seed)
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        var path = Path.Combine(Path.GetTempPath(), $"bmcnn-xbar-{rows}x{cols}-{Guid.NewGuid():N}.cir");
        try
        {
            var (code, _, error) = SolveCommandTests.Run("netlist", "crossbar", "--rows", $"{rows}", "--cols", $"{cols}",
                "--r-wire", "2.5", "--r-on", "10k", "--r-off", "100k", "--v-read", "0.2", "--seed", $"{seed}", "--out", path);
            Assert.True(code == 0, error);
            var comparison = SolveBothWays(path);
            Assert.Equal(rows * cols * 2, comparison.VoltageCount);
            Assert.Equal(rows + cols, comparison.CurrentCount);
            Assert.InRange(comparison.LargestRelativeDifference, 0, Tolerance);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableTheory]
    [InlineData("sinh-memristors.cir")]
    [InlineData("tanh-comparator.cir")]
    [InlineData("controlled-sources.cir")]
    [InlineData("subcircuit.cir")]
    [InlineData("divider.cir")]
    [InlineData("crossbar-8x8.cir")]
    public void When_example_circuit_is_solved_Expect_ngspice_agreement(string example)
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        var comparison = SolveBothWays(Example(example));
        Assert.InRange(comparison.LargestRelativeDifference, 0, Tolerance);
    }

    [SkippableFact]
    public void When_resistors_have_multiplier_and_temperature_coefficients_Expect_ngspice_agreement()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        var path = Path.Combine(Path.GetTempPath(), $"bmcnn-rparams-{Guid.NewGuid():N}.cir");
        File.WriteAllText(path, SpiceReaderTests.ResistorParameters);
        try
        {
            var comparison = SolveBothWays(path);
            Assert.Equal(1, comparison.CurrentCount);
            Assert.InRange(comparison.LargestRelativeDifference, 0, Tolerance);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableTheory]
    [InlineData("sinh-memristors.cir")]
    [InlineData("tanh-comparator.cir")]
    [InlineData("subcircuit.cir")]
    public void When_read_netlist_is_written_flat_and_run_in_ngspice_Expect_same_results_as_the_original_file(string example)
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        // Reader and writer together against ngspice's own parser: our flattened text (x1.m nodes, r.x1.r1 names,
        // parameters substituted) must give ngspice the same circuit as the hand-written original.
        var original = NgspiceRunner.RunFile(Example(example));
        var flat = NgspiceRunner.Run(SpiceReader.ReadFile(Example(example)).Netlist);
        var comparison = NgspiceComparison.Compare(flat.NodeVoltages, flat.BranchCurrents, original);
        _log.WriteLine($"{example} flattened: {comparison}");
        Assert.Empty(comparison.Missing);
        // ngspice's Newton loop stops at its own tolerances, so equivalent texts of a nonlinear circuit agree to ~1e-11.
        Assert.InRange(comparison.LargestRelativeDifference, 0, 1e-9);
    }

    [SkippableFact]
    public void When_written_netlist_with_every_element_kind_runs_in_ngspice_Expect_agreement_under_our_names()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        var netlist = SpiceWriterTests.EveryElement();
        var ours = new DcOperatingPoint(netlist).Solve();
        var reference = NgspiceRunner.Run(netlist);
        var comparison = NgspiceComparison.Compare(ours, reference);
        _log.WriteLine(comparison.ToString());
        Assert.Empty(comparison.Missing);
        Assert.Contains("sa", reference.BranchCurrents.Keys);
        Assert.InRange(comparison.LargestRelativeDifference, 0, Tolerance);
    }

    [SkippableFact]
    public void When_crosscheck_command_runs_Expect_pass_line_and_exit_0()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        var (code, output, error) = SolveCommandTests.Run("crosscheck", "netlist", Example("subcircuit.cir"));
        Assert.True(code == 0, output + error);
        Assert.StartsWith("largest relative difference ", output);
        Assert.Contains("PASS", output);
    }

    [SkippableFact]
    public void When_ngspice_applies_an_option_we_ignore_Expect_fail_and_exit_1()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        // '.options rshunt=1k' makes ngspice shunt every node to ground; our reader only warns about it, so the two
        // solutions differ (b: 0.5 V for us, 1/3 V for ngspice; the source supplies 0.5 mA against 1.67 mA) and the crosscheck must say so.
        var path = Path.Combine(Path.GetTempPath(), $"bmcnn-diff-{Guid.NewGuid():N}.cir");
        File.WriteAllText(path, "shunted\nV1 a 0 1\nR1 a b 1k\nR2 b 0 1k\n.options rshunt=1k\n.end\n");
        try
        {
            var (code, output, error) = SolveCommandTests.Run("crosscheck", "netlist", path);
            Assert.Equal(1, code);
            // The source current differs most: 0.5 mA for us, 1.67 mA for ngspice (the shunts draw the rest).
            Assert.Contains("at I(v1) (ours -0.0005, ngspice -0.00166666666666667)", output);
            Assert.Contains("FAIL", output);
            Assert.Contains("  node voltages:   5.000E-001 at V(b)", output);
            Assert.Contains($"{path}:5: warning:", error);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
