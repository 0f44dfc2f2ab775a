using Bmcnn.Circuit.Analysis;
using Bmcnn.Netlists;
using Xunit.Abstractions;

namespace Bmcnn.Tests.Netlists;

/// <summary>The shipped memristor subcircuits (models/memristors.lib): one text for ngspice and for us, pinched loops.</summary>
public class MemristorLibraryTests
{
    private readonly ITestOutputHelper _log;

    public MemristorLibraryTests(ITestOutputHelper log) => _log = log;

    private static string Library => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "memristors.lib"));

    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "Netlists", "Examples", name);

    [Theory]
    [InlineData("memristor-lid.cir")]
    [InlineData("memristor-vteam.cir")]
    [InlineData("memristor-yakopcic.cir")]
    public void When_example_embeds_the_library_Expect_it_verbatim(string name) =>
        Assert.Contains(Library.ReplaceLineEndings("\n"), File.ReadAllText(Example(name)).ReplaceLineEndings("\n"));

    [Theory]
    [InlineData("memristor-lid.cir", "v(a)", "i(v1)")]
    [InlineData("memristor-lid.cir", "v(b)", "i(v2)")]
    [InlineData("memristor-vteam.cir", "v(a)", "i(v1)")]
    [InlineData("memristor-yakopcic.cir", "v(a)", "i(v1)")]
    public void When_memristor_is_driven_by_a_sine_Expect_a_pinched_hysteresis_loop(string name, string voltage, string current)
    {
        var read = SpiceReader.ReadFile(Example(name));
        var table = Simulation.Run(read.Netlist, read.Analyses.OfType<TransientRequest>().Single());
        var v = table.Signal(voltage);
        var i = table.Signal(current);
        // Pinched: no current without voltage. Hysteresis: the conductance V/I at the same voltage differs between
        // the first rising and the first falling pass through 60% of the peak.
        var peak = v.Max();
        var rising = Enumerable.Range(1, v.Count - 1).First(p => v[p - 1] < 0.6 * peak && v[p] >= 0.6 * peak);
        var falling = Enumerable.Range(rising, v.Count - rising).First(p => p > 0 && v[p - 1] > 0.6 * peak && v[p] <= 0.6 * peak);
        var (gRising, gFalling) = (Math.Abs(i[rising] / v[rising]), Math.Abs(i[falling] / v[falling]));
        _log.WriteLine($"{name} {current}: conductance at 0.6 of the peak rising {gRising:E4} S, falling {gFalling:E4} S");
        Assert.True(Math.Abs(gRising - gFalling) > 0.05 * Math.Max(gRising, gFalling), "the loop must open");
        for (var p = 0; p < v.Count; p++)
        {
            if (v[p] == 0)
            {
                Assert.Equal(0, i[p]);
            }
        }
    }
}
