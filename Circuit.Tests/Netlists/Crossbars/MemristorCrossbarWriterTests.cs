using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Netlists;
using Bmcnn.Netlists.Crossbars;
using Xunit.Abstractions;

namespace Bmcnn.Tests.Netlists.Crossbars;

/// <summary>Crossbars of dynamic memristors written by V/2 pulses: the deck, parameter variation, ngspice agreement.</summary>
public class MemristorCrossbarWriterTests
{
    private const string Missing = "ngspice is not installed (apt-get install -y ngspice); this test compares our engine against it";
    private readonly ITestOutputHelper _log;

    public MemristorCrossbarWriterTests(ITestOutputHelper log) => _log = log;

    private static string Library => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "memristors.lib"));

    private static string Example => Path.Combine(AppContext.BaseDirectory, "Netlists", "Examples", "crossbar-vteam-16x16-write.cir");

    // The example's deck: what `bmcnn netlist memristor-crossbar --rows 16 --cols 16 --model vteam --r-wire 1
    // --param kon=-0.3 --param koff=0.1 --param von=-0.6 --param voff=0.6 --param-sigma ron=0.1 --param-sigma roff=0.1
    // --seed 7 --pulses 4 --v-write 1 --width 10n --edge 1n --gap 5n --reltol 1e-5` writes.
    private static MemristorCrossbarSpec ExampleSpec(int size = 16, ulong seed = 7) => new()
    {
        Rows = size,
        Columns = size,
        Library = Library,
        Model = "vteam",
        WireOhms = 1,
        Parameters = new Dictionary<string, double> { ["kon"] = -0.3, ["koff"] = 0.1, ["von"] = -0.6, ["voff"] = 0.6 },
        Sigma = new Dictionary<string, double> { ["ron"] = 0.1, ["roff"] = 0.1 },
        Seed = seed,
        Pulses = MemristorCrossbarWriter.RandomPulses(size, size, 4, seed),
        WriteVolts = 1,
        PulseWidth = 10e-9,
        Edge = 1e-9,
        Gap = 5e-9,
        RelTol = 1e-5,
    };

    [Fact]
    public void When_the_example_is_regenerated_Expect_the_shipped_text() =>
        Assert.Equal(MemristorCrossbarWriter.Write(ExampleSpec()), File.ReadAllText(Example).ReplaceLineEndings("\n"));

    [SkippableFact]
    public void When_crossbar_is_written_by_half_select_pulses_Expect_ngspice_agreement_and_only_selected_cells_to_move()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        var read = SpiceReader.ReadFile(Example);
        var request = read.Analyses.OfType<TransientRequest>().Single();
        var reference = NgspiceRunner.RunFileAnalyses(Example, [request])[0];
        var ours = Simulation.Run(read.Netlist, request, read.Options);
        var comparison = WaveformComparison.Compare(ours, reference);
        _log.WriteLine($"{comparison}; bmcnn {ours.Axis.Count} points");
        Assert.Empty(comparison.Missing);
        Assert.InRange(comparison.LargestDifference, 0, 1e-3);
        // Physics of the V/2 scheme at thresholds ±0.6 V: selected cells (±1 V) move; cells on no selected line see 0 V.
        var pulses = ExampleSpec().Pulses;
        foreach (var p in pulses)
        {
            var state = ours.Signal($"v(x{p.Row}_{p.Column}.state)");
            Assert.True(Math.Abs(state[^1] - 0.5) > 0.01, $"selected cell ({p.Row}, {p.Column}) must move");
        }
        var quiet = Enumerable.Range(0, 16).First(i => pulses.All(p => p.Row != i && p.Column != i));
        Assert.Equal(0.5, ours.Signal($"v(x{quiet}_{quiet}.state)")[^1], 9);
    }

    [Fact]
    public void When_parameters_vary_Expect_log_normal_draws_repeatable_from_the_seed()
    {
        var model = ModelParameters.Read(Library, "vteam", "memristors.lib");
        Assert.Equal(50, model.Default("ron"));
        Assert.Equal(-0.2, model.Default("von"));
        var logs = new List<double>();
        for (var i = 0; i < 64; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                var ron = model.Draw("ron", 50, 0.1, 11, i, j);
                Assert.Equal(ron, model.Draw("ron", 50, 0.1, 11, i, j));
                logs.Add(Math.Log(ron / 50));
            }
        }
        var mean = logs.Average();
        var sd = Math.Sqrt(logs.Sum(x => (x - mean) * (x - mean)) / (logs.Count - 1));
        Assert.InRange(mean, -0.006, 0.006);
        Assert.InRange(sd, 0.095, 0.105);
        Assert.True(model.Draw("kon", -10, 0.2, 11, 3, 4) < 0, "a log-normal draw keeps the sign");
        Assert.Equal(1000, model.Draw("roff", 1000, 0, 11, 3, 4));
        Assert.NotEqual(model.Draw("ron", 50, 0.1, 11, 0, 0), model.Draw("ron", 50, 0.1, 12, 0, 0));
        // Each parameter has its own stream: the draw of ron does not depend on whether roff varies too.
        var alone = MemristorCrossbarWriter.Write(ExampleSpec() with { Sigma = new Dictionary<string, double> { ["ron"] = 0.1 } });
        var both = MemristorCrossbarWriter.Write(ExampleSpec());
        string Ron(string deck) => deck.Split('\n').First(l => l.StartsWith("x3_5 ", StringComparison.Ordinal)).Split(' ')[4];
        Assert.Equal(Ron(alone), Ron(both));
    }

    [Fact]
    public void When_deck_is_read_Expect_every_device_and_wire()
    {
        var read = SpiceReader.Read(MemristorCrossbarWriter.Write(ExampleSpec(4) with { WireFarads = 1e-15 }), "x.cir");
        Assert.Empty(read.Warnings);
        // Per cell: two wire resistors, two wire capacitors, and the device's Cs, Rs, Bs, Bm; plus 8 drivers.
        Assert.Equal(16 * 8 + 8, read.Netlist.Elements.Count);
        Assert.Equal(1e-5, read.Options.Dc.RelTol);
    }

    [Theory]
    [InlineData("nosuch", "kon", "no subcircuit 'nosuch'")]
    [InlineData("vteam", "k_on", "model 'vteam' has no parameter 'k_on'")]
    public void When_model_or_parameter_is_unknown_Expect_an_error_naming_it(string model, string parameter, string message)
    {
        var spec = ExampleSpec(2) with { Model = model, Parameters = new Dictionary<string, double> { [parameter] = 1 } };
        Assert.Contains(message, Assert.Throws<BmcnnException>(() => MemristorCrossbarWriter.Write(spec)).Message);
    }

    [Fact]
    public void When_a_pulse_is_outside_the_array_Expect_an_error()
    {
        var spec = ExampleSpec(2) with { Pulses = [new WritePulse(2, 0, 1)] };
        Assert.Contains("outside the 2x2 array", Assert.Throws<BmcnnException>(() => MemristorCrossbarWriter.Write(spec)).Message);
    }
}
