using Bmcnn.Bench;
using Bmcnn.Cli;

namespace Bmcnn.Tests.Cli;

public class NetworkBenchTests
{
    [Fact]
    public void When_the_vgg_network_is_built_Expect_the_size_the_speed_targets_name()
    {
        var model = VggNetwork.Create(1);
        Assert.Equal(5_099_520, VggNetwork.WeightCount(model));
        Assert.InRange(VggNetwork.MacsPerImage(model), 0.55e9, 0.65e9);
        Assert.Equal(10, model.Classes);
    }

    [Fact]
    public void When_bench_network_runs_a_few_images_Expect_a_row_per_mode_and_equal_software_predictions()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BmcnnApp.Run(["bench", "network", "--images", "3", "--modes", "reference,software,behavioral"], output, error);
        Assert.True(code == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains("5,099,520 binary weights, 0.608 G multiply-accumulates", text, StringComparison.Ordinal);
        Assert.Contains("| reference | 3 |", text, StringComparison.Ordinal);
        Assert.Contains("| behavioral | 3 |", text, StringComparison.Ordinal);
        Assert.Contains("predictions equal the other software kernels on 3/3", text, StringComparison.Ordinal);
        Assert.Contains("cores", text, StringComparison.Ordinal);
    }

    [Fact]
    public void When_bench_network_gets_an_unknown_mode_Expect_exit_2()
    {
        var error = new StringWriter();
        Assert.Equal(2, BmcnnApp.Run(["bench", "network", "--modes", "fast"], new StringWriter(), error));
        Assert.Contains("--modes: 'fast' is not one of reference, software, behavioral, circuit", error.ToString(), StringComparison.Ordinal);
    }
}
