using System.Text.Json;

namespace Bmcnn.Tests.Cli;

public class ProgramCommandTests
{
    [Fact]
    public void When_a_random_pattern_is_programmed_Expect_json_with_pulses_disturbance_and_energy_and_the_files()
    {
        var folder = Directory.CreateTempSubdirectory("bmcnn-program-").FullName;
        try
        {
            var cir = Path.Combine(folder, "p.cir");
            var tile = Path.Combine(folder, "p.json");
            var (code, output, error) = SolveCommandTests.Run("program", "--rows", "4", "--cols", "5", "--json", "--netlist", cir,
                "--netlist-pulses", "2", "--out", tile);
            Assert.True(code == 0, error);
            using var json = JsonDocument.Parse(output);
            var root = json.RootElement;
            Assert.True(root.GetProperty("meanPulsesPerDevice").GetDouble() >= 1);
            Assert.True(root.GetProperty("writeEnergy").GetDouble() > 0);
            Assert.Equal(0, root.GetProperty("disturbance").GetProperty("disturbedCells").GetInt32());
            Assert.Equal(20, root.GetProperty("on").GetProperty("devices").GetInt32() + root.GetProperty("off").GetProperty("devices").GetInt32());
            Assert.Contains("first 2 of", File.ReadAllText(cir));
            Assert.Contains("\"ohms\":[", File.ReadAllText(tile));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("error: --set-width/--set-amplitude: pulse width must be positive, got 0 s", "--rows", "2", "--cols", "2", "--set-width", "0")]
    [InlineData("error: --reset-width/--reset-amplitude: pulse width must be positive, got -1E-06 s", "--rows", "2", "--cols", "2",
        "--reset-width", "-1e-6")]
    [InlineData("error: model has no weighted layer 'fc9' (has conv1, conv2, fc1, fc2)", "--layer", "fc9", "--tile", "0")]
    [InlineData("error: --tile: layer fc2 has tiles 0..3, not 9", "--layer", "fc2", "--tile", "9")]
    [InlineData("error: --layer and --tile go together (a tile of a model's layer)", "--layer", "fc2")]
    [InlineData("error: program: give a pattern, --rows R --cols C (random) or --layer L --tile T")]
    [InlineData("error: --rows/--cols: need 1..4096 each, got 0×3", "--rows", "0", "--cols", "3")]
    [InlineData("error: --scheme: unknown scheme 'v4' (expected v2 or v3)", "--rows", "2", "--cols", "2", "--scheme", "v4")]
    public void When_input_is_bad_Expect_exit_2_and_one_line(string message, params string[] args)
    {
        var (code, _, error) = SolveCommandTests.Run(["program", .. args]);
        Assert.Equal(2, code);
        Assert.Equal(message, error.Trim());
    }
}
