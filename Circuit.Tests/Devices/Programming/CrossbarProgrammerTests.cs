using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Devices.Programming;
using Bmcnn.Netlists;
using Xunit.Abstractions;

namespace Bmcnn.Tests.Devices.Programming;

public class CrossbarProgrammerTests
{
    private readonly ITestOutputHelper _log;

    public CrossbarProgrammerTests(ITestOutputHelper log) => _log = log;

    internal static bool[] Checkerboard(int rows, int columns) =>
        Enumerable.Range(0, rows * columns).Select(k => (k / columns + k % columns) % 2 == 0).ToArray();

    [Fact]
    public void When_an_8x8_pattern_is_programmed_Expect_every_read_within_tolerance_and_no_half_select_drift()
    {
        var run = CrossbarProgrammer.Program(Checkerboard(8, 8), 8, 8, new ProgrammingSetup());
        var summary = ProgrammingSummary.Of(run);
        _log.WriteLine($"pulses {summary.Pulses}, mean per device {summary.MeanPulsesPerDevice}, energy {summary.WriteEnergy:E3} J");
        Assert.Equal(0, summary.Unconverged);
        Assert.All(Enumerable.Range(0, 64), k => Assert.InRange(run.VerifiedRead[k] / run.Target(k), 0.9, 1.1));
        Assert.All(run.Pulses, p => Assert.InRange(p, 1, 50));
        // V/2 keeps half-selected cells under both thresholds: only the 1 TΩ leak moves them.
        Assert.InRange(summary.MaxDrift, 0, 1e-12);
        Assert.True(summary.WriteEnergy > 0);
        Assert.Equal(32, summary.On.Devices);
    }

    [Fact]
    public void When_the_set_pulse_exceeds_twice_the_threshold_Expect_half_selected_cells_to_drift()
    {
        var setup = new ProgrammingSetup { Set = new WritePulse(-0.5, 1e-10) };
        var summary = ProgrammingSummary.Of(CrossbarProgrammer.Program(Checkerboard(6, 6), 6, 6, setup));
        _log.WriteLine($"V/2, set -0.5 V: max drift {summary.MaxDrift}, disturbed {summary.Disturbed}");
        Assert.True(summary.MaxDrift > 1e-3, $"max drift {summary.MaxDrift}");
    }

    [Fact]
    public void When_v3_biases_unselected_cells_past_the_small_opposite_threshold_Expect_drift_that_v2_avoids()
    {
        // V/3 puts +V/3 = +0.1 V on unselected cells during a −0.3 V set pulse: above VTEAM's 20 mV OFF threshold.
        var v2 = ProgrammingSummary.Of(CrossbarProgrammer.Program(Checkerboard(6, 6), 6, 6, new ProgrammingSetup()));
        var v3 = ProgrammingSummary.Of(CrossbarProgrammer.Program(Checkerboard(6, 6), 6, 6, new ProgrammingSetup { Scheme = WriteScheme.V3 }));
        _log.WriteLine($"max drift V/2 {v2.MaxDrift:E3}, V/3 {v3.MaxDrift:E3}");
        Assert.InRange(v2.MaxDrift, 0, 1e-12);
        Assert.True(v3.MaxDrift > 1e-5, $"V/3 max drift {v3.MaxDrift}");
    }

    [Fact]
    public void When_the_pulse_is_cut_into_more_steps_Expect_the_same_final_states()
    {
        var coarse = CrossbarProgrammer.Program(Checkerboard(8, 8), 8, 8, new ProgrammingSetup { StepsPerPulse = 10, MaxPulses = 3 });
        var fine = CrossbarProgrammer.Program(Checkerboard(8, 8), 8, 8, new ProgrammingSetup { StepsPerPulse = 80, MaxPulses = 3 });
        var worst = coarse.States.Zip(fine.States, (a, b) => Math.Abs(a - b)).Max();
        _log.WriteLine($"largest state difference 10 vs 80 steps: {worst:E3}");
        Assert.InRange(worst, 0, 1e-3);
    }

    [Fact]
    public void When_the_exported_netlist_runs_in_our_transient_engine_Expect_the_quasi_static_final_states()
    {
        // The full transient (trapezoidal, truncation-error steps) of the exported run against the quasi-static one.
        var run = CrossbarProgrammer.Program(Checkerboard(3, 3), 3, 3, new ProgrammingSetup { MaxPulses = 2, RowWireOhms = 5, ColumnWireOhms = 5 });
        var text = ProgrammingNetlist.Write(run);
        var read = SpiceReader.Read(text, "program-3x3.cir");
        var table = Simulation.Run(read.Netlist, read.Analyses.OfType<TransientRequest>().Single());
        var worst = 0.0;
        for (var k = 0; k < 9; k++)
        {
            var s = table.Signal($"v(x{k / 3}_{k % 3}.state)")[^1];
            worst = Math.Max(worst, Math.Abs(s - run.States[k]));
        }
        _log.WriteLine($"{run.Log.Count} pulses; largest final state difference, transient vs quasi-static: {worst:E3}");
        Assert.InRange(worst, 0, 2e-3);
    }

    [Fact]
    public void When_a_pulse_width_is_not_positive_Expect_a_one_line_error()
    {
        var ex = Assert.Throws<BmcnnException>(() =>
            CrossbarProgrammer.Program(Checkerboard(2, 2), 2, 2, new ProgrammingSetup { Reset = new WritePulse(0.035, 0) }));
        Assert.Contains("pulse width must be positive", ex.Message);
        var read = Assert.Throws<BmcnnException>(() => new ProgrammingSetup { ReadVolts = 0.05 }.Validate());
        Assert.Contains("--read-voltage", read.Message);
    }
}
