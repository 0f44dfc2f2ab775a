using Bmcnn.Cli;
using Bmcnn.Netlists;
using Bmcnn.Network.Model;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Cli;

public sealed class HardwareCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bmcnn-hw-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string SmallModel()
    {
        var path = Path.Combine(_dir, "small.bmcnn");
        ModelFile.Save(RandomNetworks.Lenet(41, c1: 4, c2: 8, f1: 24), path);
        return path;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BmcnnApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [SkippableFact]
    public void When_eval_behavioral_with_ideal_devices_Expect_software_predictions_and_json()
    {
        Skip.If(RandomNetworks.MnistTest is null, "MNIST not found");
        var model = SmallModel();
        string sw = Path.Combine(_dir, "sw.csv"), hw = Path.Combine(_dir, "hw.csv");
        var software = Run("eval", "--mode", "software", "--model", model, "--limit", "100", "--predictions", sw);
        Assert.True(software.Code == 0, software.Error);
        var behavioral = Run("eval", "--mode", "behavioral", "--model", model, "--limit", "100", "--json", "--predictions", hw,
            "--scheme", "reference", "--redundancy", "2", "--tile", "64x32");
        Assert.True(behavioral.Code == 0, behavioral.Error);
        Assert.Equal(File.ReadAllText(sw), File.ReadAllText(hw));
        using var doc = System.Text.Json.JsonDocument.Parse(behavioral.Output);
        Assert.Equal("behavioral", doc.RootElement.GetProperty("mode").GetString());
        Assert.Equal(100, doc.RootElement.GetProperty("images").GetInt32());
    }

    [SkippableFact]
    public void When_eval_circuit_without_wires_Expect_behavioral_predictions()
    {
        Skip.If(RandomNetworks.MnistTest is null, "MNIST not found");
        var model = SmallModel();
        string a = Path.Combine(_dir, "a.csv"), b = Path.Combine(_dir, "b.csv");
        var common = new[] { "--model", model, "--limit", "60", "--sigma-on", "0.3", "--sigma-off", "0.3", "--offset-sigma", "2e-6", "--seed", "9" };
        Assert.Equal(0, Run(["eval", "--mode", "behavioral", "--predictions", a, .. common]).Code);
        Assert.Equal(0, Run(["eval", "--mode", "circuit", "--r-wire", "0", "--predictions", b, .. common]).Code);
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));
    }

    [Theory]
    [InlineData("--r-on", "-5", "rOn")]
    [InlineData("--sigma-on", "-0.1", "sigmaOn")]
    [InlineData("--stuck-off", "1.5", "stuckOff")]
    [InlineData("--scheme", "triple", "--scheme")]
    [InlineData("--tile", "16x16", "tileRows")]
    [InlineData("--tile", "big", "--tile")]
    public void When_device_option_is_impossible_Expect_exit_2_naming_the_field(string option, string value, string field)
    {
        var result = Run("eval", "--mode", "behavioral", "--model", SmallModel(), "--limit", "5", option, value);
        Assert.Equal(BmcnnApp.UserError, result.Code);
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains(field, result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [SkippableFact]
    public void When_netlist_tile_is_written_Expect_ngspice_and_solve_to_run_it()
    {
        Skip.If(RandomNetworks.MnistTest is null, "MNIST not found");
        var cir = Path.Combine(_dir, "tile.cir");
        var result = Run("netlist", "tile", "--model", SmallModel(), "--layer", "conv2", "--tile", "1", "--image", "7",
            "--r-wire", "1", "--sigma-on", "0.2", "--tile-size", "40x16", "--out", cir);
        Assert.True(result.Code == 0, result.Error);
        Assert.Contains("conv2 tile 1", result.Output);
        var solve = Run("solve", cir, "--json");
        Assert.True(solve.Code == 0, solve.Error);
        if (NgspiceRunner.IsAvailable)
        {
            var check = Run("crosscheck", "netlist", cir);
            Assert.True(check.Code == 0, check.Output + check.Error);
        }
    }

    [SkippableFact]
    public void When_crosscheck_tiles_runs_Expect_pass_and_one_line_per_tile_and_image()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, "ngspice is not installed");
        Skip.If(RandomNetworks.MnistTest is null, "MNIST not found");
        var result = Run("crosscheck", "tiles", "--model", SmallModel(), "--tiles", "3", "--images", "2", "--r-wire", "2.5",
            "--tile", "32x16", "--sigma-off", "0.2");
        Assert.True(result.Code == 0, result.Output + result.Error);
        Assert.Contains("PASS", result.Output);
        var tileLines = result.Output.Split('\n')
            .Count(l => l.StartsWith("conv", StringComparison.Ordinal) || l.StartsWith("fc", StringComparison.Ordinal));
        Assert.Equal(6, tileLines);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void When_crosscheck_tiles_ngspice_timeout_is_not_positive_Expect_exit_2_naming_the_option(string seconds)
    {
        var result = Run("crosscheck", "tiles", "--model", SmallModel(), "--ngspice-timeout", seconds);
        Assert.Equal(BmcnnApp.UserError, result.Code);
        Assert.Contains("--ngspice-timeout", result.Error);
    }

    [Fact]
    public void When_netlist_tile_names_unknown_layer_Expect_exit_2()
    {
        var result = Run("netlist", "tile", "--model", SmallModel(), "--layer", "conv9", "--tile", "0", "--image", "0",
            "--out", Path.Combine(_dir, "x.cir"));
        Assert.Equal(BmcnnApp.UserError, result.Code);
        Assert.Contains("conv9", result.Error);
    }
}
