using Bmcnn.Circuit;
using Bmcnn.Cli;
using Bmcnn.Network.Exchange;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;
using static Bmcnn.Tests.Network.Exchange.OnnxGraphBuilder;

namespace Bmcnn.Tests.Network.Exchange;

/// <summary>Layers marked digital on import (<c>--digital</c>), and the refusal of non-binary weights in unmarked layers.</summary>
public sealed class OnnxDigitalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bmcnn-onnx-digital-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>conv1 (±1) → sign → conv2 (±1, or float weights) → sign → flatten → fc3 (±1), 28×28 input.</summary>
    private static byte[] Graph(bool floatMiddle)
    {
        var r = new Random(21);
        IEnumerable<double> Signs(int n) => Enumerable.Range(0, n).Select(_ => r.Next(2) == 0 ? -1.0 : 1.0);
        IEnumerable<double> Gaussian(int n, double scale) => Enumerable.Range(0, n).Select(_ => scale * (r.NextDouble() * 2 - 1));
        var g = new OnnxGraphBuilder(1, 28, 28);
        g.Node("Conv", [g.Init("w1", [4, 1, 3, 3], Signs(36)), g.Init("b1", [4], Gaussian(4, 0.3))], IntsAttr("strides", 2, 2));
        g.Node("Sign");
        g.Node("Conv", [g.Init("w2", [6, 4, 3, 3], floatMiddle ? Gaussian(216, 1) : Signs(216)), g.Init("b2", [6], Gaussian(6, 1))],
            IntsAttr("pads", 1, 1, 1, 1));
        g.Node("Sign");
        g.Node("Flatten");
        g.Node("Gemm", [g.Init("w3", [10, 13 * 13 * 6], Signs(10140)), g.Init("b3", [10], Gaussian(10, 1))], IntAttr("transB", 1));
        return g.Build();
    }

    [Fact]
    public void When_a_middle_layer_has_float_weights_and_is_not_marked_Expect_one_line_naming_file_and_node()
    {
        var ex = Assert.Throws<BmcnnException>(() => OnnxImport.Read(new MemoryStream(Graph(true)), "mid.onnx", new OnnxImportOptions()));
        Assert.StartsWith("mid.onnx: node 'conv2' (Conv): the weights of layer conv2 are not binary", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--digital conv2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData(true, "conv2")]
    [InlineData(false, "conv1")]
    [InlineData(false, "conv2,fc3")]
    [InlineData(false, "gemm5")]
    public void When_layers_are_marked_digital_Expect_them_digital_and_predictions_equal_onnx_runtime(bool floatMiddle, string marks)
    {
        var bytes = Graph(floatMiddle);
        var names = marks.Split(',');
        var model = OnnxImport.Read(new MemoryStream(bytes), "marked.onnx", new OnnxImportOptions(Digital: names));
        var digital = model.Blocks.Where(b => b.Weighted.Digital).Select(b => b.Weighted.Name).ToArray();
        var expected = marks == "gemm5" ? ["fc3"] : names;
        Assert.Equal(expected, digital);
        Assert.Equal(string.Join(",", expected), model.Metadata["import.digital"]);
        const int count = 200;
        var pixels = OnnxRuntimeJudge.RandomImages(count, 4);
        var ours = InferencePipeline.Software(model, threads: 1).Predict(pixels, count);
        Assert.Equal(OnnxRuntimeJudge.Predict(bytes, pixels, count, [1, 28, 28]), ours);
        Assert.True(ours.Distinct().Count() >= 3, "the graph must make varied decisions");

        // The mark is stored in the model file (precision float32) and survives a round trip, ±1 values or not.
        string path = Path.Combine(_dir, "marked.bmcnn");
        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);
        Assert.Equal(digital, loaded.Blocks.Where(b => b.Weighted.Digital).Select(b => b.Weighted.Name));
        Assert.Equal(ours, InferencePipeline.Software(loaded, threads: 1).Predict(pixels, count));
    }

    [Fact]
    public void When_a_mark_names_no_layer_Expect_refusal_listing_the_layers()
    {
        var ex = Assert.Throws<BmcnnException>(() =>
            OnnxImport.Read(new MemoryStream(Graph(false)), "m.onnx", new OnnxImportOptions(Digital: ["conv9"])));
        Assert.Equal("--digital: no weighted layer or node named 'conv9' in m.onnx (its layers are conv1, conv2, fc3)", ex.Message);
    }

    [Fact]
    public void When_cli_imports_float_middle_layer_Expect_exit_2_and_nothing_written_then_success_with_the_mark()
    {
        string source = Path.Combine(_dir, "mid.onnx");
        File.WriteAllBytes(source, Graph(true));
        string target = Path.Combine(_dir, "mid.bmcnn");
        var error = new StringWriter();
        Assert.Equal(2, BmcnnApp.Run(["import", "onnx", source, "--out", target], new StringWriter(), error));
        Assert.Contains($"{source}: node 'conv2' (Conv)", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Trim().Split('\n'));
        Assert.Empty(Directory.GetFiles(_dir, "mid.bmcnn*"));

        var output = new StringWriter();
        Assert.Equal(0, BmcnnApp.Run(["import", "onnx", source, "--out", target, "--digital", "conv2"], output, new StringWriter()));
        Assert.Contains("conv2  conv2d", output.ToString(), StringComparison.Ordinal);
        Assert.True(ModelFile.Load(target).Layer("conv2").Digital);
    }
}
