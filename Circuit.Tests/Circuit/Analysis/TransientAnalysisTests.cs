using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Elements;
using Xunit.Abstractions;

namespace Bmcnn.Tests.Circuit.Analysis;

public class TransientAnalysisTests
{
    private readonly ITestOutputHelper _log;

    public TransientAnalysisTests(ITestOutputHelper log) => _log = log;

    private static Netlist RcStep(double? initialVolts = null)
    {
        var netlist = new Netlist("rc");
        netlist.Add(new VoltageSource("v1", "in", "0", 0) { Waveform = new PulseWaveform([0, 1, 0, 1e-9, 1e-9, 1, 2]) });
        netlist.Add(new Resistor("r1", "in", "out", 1e3));
        netlist.Add(new Capacitor("c1", "out", "0", 1e-6) { InitialVoltage = initialVolts });
        return netlist;
    }

    [Fact]
    public void When_rc_is_stepped_Expect_the_analytic_charging_curve()
    {
        var table = new TransientAnalysis(RcStep()).Run(new TransientRequest(10e-6, 5e-3));
        var worst = 0.0;
        for (var p = 0; p < table.Axis.Count; p++)
        {
            var t = table.Axis[p];
            // The 1 ns ramp delays the exponential by half a nanosecond.
            var exact = t < 1e-9 ? t / 1e-9 * 0 : 1 - Math.Exp(-(t - 0.5e-9) / 1e-3);
            worst = Math.Max(worst, Math.Abs(table.Signal("v(out)")[p] - exact));
        }
        _log.WriteLine($"RC step: {table.Axis.Count} points, largest deviation from 1 - exp(-t/RC): {worst:E3} V");
        Assert.InRange(worst, 0, 1e-3);
        Assert.Equal(5e-3, table.Axis[^1]);
        Assert.Equal(0, table.Axis[0]);
    }

    [Fact]
    public void When_capacitor_starts_from_its_initial_condition_with_uic_Expect_exponential_discharge()
    {
        var netlist = new Netlist("discharge");
        netlist.Add(new Resistor("r1", "out", "0", 1e3));
        netlist.Add(new Capacitor("c1", "out", "0", 1e-6) { InitialVoltage = 2 });
        var table = new TransientAnalysis(netlist).Run(new TransientRequest(10e-6, 3e-3, UseInitialConditions: true));
        var worst = 0.0;
        for (var p = 0; p < table.Axis.Count; p++)
        {
            worst = Math.Max(worst, Math.Abs(table.Signal("v(out)")[p] - 2 * Math.Exp(-table.Axis[p] / 1e-3)));
        }
        _log.WriteLine($"RC discharge from IC=2 V: largest deviation {worst:E3} V");
        Assert.InRange(worst, 0, 2e-3);
    }

    [Fact]
    public void When_lc_tank_rings_from_an_inductor_current_Expect_the_analytic_cosine()
    {
        var netlist = new Netlist("lc");
        netlist.Add(new Inductor("l1", "a", "0", 1e-3) { InitialCurrent = 1e-3 });
        netlist.Add(new Capacitor("c1", "a", "0", 1e-6));
        netlist.Add(new Resistor("r1", "a", "0", 1e9));
        var omega = 1 / Math.Sqrt(1e-3 * 1e-6);
        var table = new TransientAnalysis(netlist).Run(new TransientRequest(1e-6, 1e-3, UseInitialConditions: true));
        var worst = 0.0;
        for (var p = 0; p < table.Axis.Count; p++)
        {
            worst = Math.Max(worst, Math.Abs(table.Signal("i(l1)")[p] - 1e-3 * Math.Cos(omega * table.Axis[p])));
        }
        _log.WriteLine($"LC tank: largest current deviation {worst / 1e-3:E3} of the amplitude over {table.Axis.Count} points");
        Assert.InRange(worst, 0, 1e-2 * 1e-3);
    }

    [Fact]
    public void When_initial_condition_holds_a_node_Expect_the_operating_point_to_start_there()
    {
        var netlist = RcStep();
        netlist.InitialConditions["out"] = 0.5;
        var table = new TransientAnalysis(netlist).Run(new TransientRequest(10e-6, 1e-4));
        Assert.Equal(0.5, table.Signal("v(out)")[0], 6);
    }

    [Fact]
    public void When_element_becomes_non_finite_Expect_collapse_error_naming_time_and_node()
    {
        var netlist = new Netlist("collapse");
        netlist.Add(new VoltageSource("v1", "b", "0", 1) { Waveform = new SineWaveform([1, 2, 1e3]) });
        netlist.Add(new Resistor("r1", "b", "a", 1e3));
        netlist.Add(new Capacitor("c1", "a", "0", 1e-9));
        netlist.Add(new BehavioralSource("b1", "a", "0", BehavioralKind.Current,
            Bmcnn.Circuit.Expressions.Expression.Parse("1e-3*ln(V(b) + 0.5)")));
        var ex = Assert.Throws<BmcnnException>(() => new TransientAnalysis(netlist).Run(new TransientRequest(1e-6, 1e-3)));
        _log.WriteLine(ex.Message);
        Assert.Contains("time step too small at t = ", ex.Message);
        Assert.Contains("V(b)", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData(0, 1e-3)]
    [InlineData(-1e-6, 1e-3)]
    [InlineData(1e-6, 0)]
    public void When_tran_step_or_stop_is_not_positive_Expect_refusal(double step, double stop)
    {
        var ex = Assert.Throws<BmcnnException>(() => new TransientAnalysis(RcStep()).Run(new TransientRequest(step, stop)));
        Assert.StartsWith(".tran:", ex.Message);
    }

    [Fact]
    public void When_diode_is_forward_biased_through_its_series_resistance_Expect_the_exact_junction_solution()
    {
        var netlist = new Netlist("diode");
        netlist.Add(new VoltageSource("v1", "a", "0", 0.77));
        var model = new DiodeModel("dmod") { SaturationCurrent = 2.52e-9, EmissionCoefficient = 1.752, SeriesResistance = 0.568 };
        netlist.Add(new Diode("d1", "a", "0", model));
        var op = new DcOperatingPoint(netlist).Solve();
        // i = IS·(exp((V − i·RS)/(N·Vt)) − 1) + gmin·(V − i·RS), solved to machine precision (ngspice 39 with
        // reltol 1e-12 prints −3.76637141680709e-02).
        Assert.Equal(-0.037663714168070885, op.Current("v1"), 12);
        Assert.Single(op.NodeNames.ToArray());
    }

    [Fact]
    public void When_diode_is_swept_Expect_monotonic_current_and_the_source_restored()
    {
        var netlist = new Netlist("sweep");
        var source = netlist.Add(new VoltageSource("v1", "a", "0", 0.3));
        netlist.Add(new Diode("d1", "a", "0", new DiodeModel("d")));
        var table = new DcSweep(netlist).Run(new DcSweepRequest("v1", -1, 1, 0.05));
        Assert.Equal(41, table.Axis.Count);
        var current = table.Signal("i(v1)");
        for (var p = 1; p < current.Count; p++)
        {
            Assert.True(current[p] <= current[p - 1], $"current must grow into the diode at point {p}");
        }
        Assert.Equal(0.3, source.Voltage);
        Assert.Throws<BmcnnException>(() => new DcSweep(netlist).Run(new DcSweepRequest("r9", 0, 1, 0.1)));
    }
}
