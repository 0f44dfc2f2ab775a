using Bmcnn.Circuit.Analysis;
using Bmcnn.Netlists;
using Xunit.Abstractions;

namespace Bmcnn.Tests.Netlists;

/// <summary>
/// Transient and DC-sweep results against ngspice 39 on the shipped example netlists, at ngspice's points: 1e-3 of
/// each signal's range for <c>.tran</c> (ours interpolated onto ngspice's time points), 1e-6 relative for <c>.dc</c>.
/// </summary>
public class NgspiceTimeDomainTests
{
    private const string Missing = "ngspice is not installed (apt-get install -y ngspice); these tests compare our engine against it";
    private readonly ITestOutputHelper _log;

    public NgspiceTimeDomainTests(ITestOutputHelper log) => _log = log;

    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "Netlists", "Examples", name);

    [SkippableTheory]
    [InlineData("rc-step.cir", 1e-3)]
    [InlineData("rlc-underdamped.cir", 1e-3)]
    [InlineData("diode-rectifier.cir", 1e-3)]
    [InlineData("diode-iv.cir", 1e-6)]
    [InlineData("memristor-lid.cir", 1e-3)]
    [InlineData("memristor-vteam.cir", 1e-3)]
    [InlineData("memristor-yakopcic.cir", 1e-3)]
    public void When_example_is_simulated_Expect_ngspice_agreement(string name, double tolerance)
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        var path = Example(name);
        var read = SpiceReader.ReadFile(path);
        var analyses = read.Analyses.Where(a => a is TransientRequest or DcSweepRequest).ToList();
        Assert.Single(analyses);
        var reference = NgspiceRunner.RunFileAnalyses(path, analyses)[0];
        var ours = Simulation.Run(read.Netlist, analyses[0]);
        var comparison = WaveformComparison.Compare(ours, reference);
        _log.WriteLine($"{name}: {comparison}; bmcnn {ours.Axis.Count} points");
        Assert.Empty(comparison.Missing);
        Assert.InRange(comparison.LargestDifference, 0, tolerance);
    }

    [SkippableFact]
    public void When_rc_step_is_simulated_Expect_ngspice_and_ours_on_the_analytic_curve()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        var path = Example("rc-step.cir");
        var read = SpiceReader.ReadFile(path);
        var request = read.Analyses.OfType<TransientRequest>().Single();
        var reference = NgspiceRunner.RunFileAnalyses(path, [request])[0];
        var ours = Simulation.Run(read.Netlist, request);
        // The 1 ns ramp delays the exponential by half a nanosecond.
        static double Exact(double t) => t <= 0.5e-9 ? 0 : 1 - Math.Exp(-(t - 0.5e-9) / 1e-3);
        double Worst(SignalTable table) => table.Axis.Select((t, p) => Math.Abs(table.Signal("v(out)")[p] - Exact(t))).Max();
        _log.WriteLine($"rc-step: largest deviation from the analytic curve: bmcnn {Worst(ours):E3} V, ngspice {Worst(reference):E3} V");
        Assert.InRange(Worst(ours), 0, 1e-3);
        Assert.InRange(Worst(reference), 0, 1e-3);
    }
}
