using Bmcnn.Cli;
using Bmcnn.Netlists;

namespace Bmcnn.Tests.Cli;

/// <summary><c>bmcnn netlist memristor-crossbar</c> and <c>bmcnn bench tran</c>.</summary>
public class MemristorCrossbarCommandTests
{
    private static string Library => Path.Combine(AppContext.BaseDirectory, "Models", "memristors.lib");

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = BmcnnApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Deck(string path, params string[] extra) => Seeded(path, "5", extra);

    private static string[] Seeded(string path, string seed, params string[] extra) =>
    [
        "netlist", "memristor-crossbar", "--rows", "3", "--cols", "2", "--model", "yakopcic", "--library", Library, "--r-wire", "2",
        "--c-wire", "1f", "--param-sigma", "a1=0.2", "--seed", seed, "--pulses", "2", "--v-write", "1", "--width", "1m", "--edge", "10u",
        "--gap", "1m", "--out", path, .. extra,
    ];

    [Fact]
    public void When_a_deck_is_written_twice_from_one_seed_Expect_the_same_text_that_our_reader_takes()
    {
        var folder = Directory.CreateTempSubdirectory("bmcnn-mxb-").FullName;
        try
        {
            var (a, b) = (Path.Combine(folder, "a.cir"), Path.Combine(folder, "b.cir"));
            var first = Run(Deck(a));
            Assert.True(first.Code == 0, first.Error);
            Assert.StartsWith($"wrote {a}: 3x2 crossbar of yakopcic, 2 pulses", first.Output);
            Assert.Equal(0, Run(Deck(b)).Code);
            Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));
            var read = SpiceReader.ReadFile(a);
            Assert.Empty(read.Warnings);
            Assert.Equal(6 * 8 + 5, read.Netlist.Elements.Count);
            Assert.Equal(0, Run(Seeded(b, "6")).Code);
            Assert.NotEqual(File.ReadAllText(a), File.ReadAllText(b));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--param-sigma", "a1", "error: --param-sigma: expected NAME=NUMBER, got 'a1'")]
    [InlineData("--param", "bogus=1", "error: model 'yakopcic' has no parameter 'bogus'")]
    public void When_a_parameter_is_bad_Expect_exit_2_and_one_line(string option, string value, string message)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bmcnn-mxb-{Guid.NewGuid():N}.cir");
        var (code, _, error) = Run(Deck(path, option, value));
        Assert.Equal(2, code);
        Assert.StartsWith(message, error.Trim());
        Assert.False(File.Exists(path));
    }

    [SkippableFact]
    public void When_bench_tran_runs_a_tiny_crossbar_Expect_both_simulators_timed_with_their_points()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, "ngspice is not installed; bench tran times it");
        var (code, output, error) = Run("bench", "tran", "--size", "2", "--pulses", "1", "--repeat", "1", "--library", Library);
        Assert.True(code == 0, error);
        Assert.Contains("deck: 2x2 vteam crossbar", output);
        Assert.Contains("median: ngspice ", output);
        // Both report their time points (-1 would mean a count was not found).
        var row = output.Split('\n').Single(l => l.StartsWith("  1 ", StringComparison.Ordinal));
        Assert.DoesNotContain(" -1 ", row);
    }
}
