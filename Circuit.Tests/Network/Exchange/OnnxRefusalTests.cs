using Bmcnn.Circuit;
using Bmcnn.Cli;
using Bmcnn.Network.Exchange;
using static Bmcnn.Tests.Network.Exchange.OnnxGraphBuilder;

namespace Bmcnn.Tests.Network.Exchange;

/// <summary>Every unsupported graph is refused with one line naming the file, the node and its op type.</summary>
public sealed class OnnxRefusalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bmcnn-onnx-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static IEnumerable<double> Ones(int n) => Enumerable.Range(0, n).Select(i => i % 3 == 0 ? -1.0 : 1.0);

    /// <summary>A graph that is fine up to its first layer's output, then gets <paramref name="kind"/>.</summary>
    private static byte[] Bad(string kind)
    {
        var g = new OnnxGraphBuilder(1, 28, 28);
        if (kind == "normalize-padded")
        {
            g.Node("Sub", [g.Init("mean", [], [0.1])]);
        }
        string[] convInputs = kind == "activation-weights" ? [g.Current] : [g.Init("w1", [4, 1, 3, 3], Ones(36))];
        var conv = kind switch
        {
            "asymmetric-pad" => g.Node("Conv", convInputs, IntsAttr("pads", 1, 1, 0, 0)),
            "grouped" => g.Node("Conv", convInputs, IntAttr("group", 2)),
            "dilated" => g.Node("Conv", convInputs, IntsAttr("dilations", 2, 2)),
            "normalize-padded" => g.Node("Conv", convInputs, IntsAttr("pads", 1, 1, 1, 1)),
            _ => g.Node("Conv", convInputs),
        };
        switch (kind)
        {
            case "relu":
                g.Node("Relu");
                break;
            case "residual":
                var branch = g.Current;
                g.Node("Sign");
                g.Node("Add", [branch]);
                break;
            case "fork":
                var fork = g.Current;
                g.Node("Sign");
                g.Constant("Neg", [fork]);
                break;
            case "clip":
                g.Node("Clip", [g.Init("lo", [], [0]), g.Init("hi", [], [1])]);
                g.Node("Sign");
                break;
            case "two-convs":
                g.Node("Conv", [g.Init("w2", [4, 4, 3, 3], Ones(144))]);
                break;
            case "sign-last":
                g.Node("Sign");
                g.Node("Flatten");
                g.Node("Gemm", [g.Init("w2", [2704, 10], Ones(27040))]);
                g.Node("Sign");
                return g.Build();
            case "shape":
                g.Node("Sign");
                g.Node("Flatten");
                g.Node("Gemm", [g.Init("w2", [2000, 10], Ones(20000))]);
                return g.Build();
            default:
                g.Node("Sign");
                break;
        }
        g.Node("Flatten");
        g.Node("Gemm", [g.Init("w9", [2704, 10], Ones(27040))]);
        return g.Build();
    }

    [Theory]
    [InlineData("relu", "(Relu): unsupported op type")]
    [InlineData("residual", "(Add): branching graph")]
    [InlineData("fork", "branching graph")]
    [InlineData("clip", "(Clip): supported only as a hard-tanh")]
    [InlineData("asymmetric-pad", "(Conv): asymmetric padding")]
    [InlineData("grouped", "(Conv): grouped convolution")]
    [InlineData("dilated", "(Conv): dilation")]
    [InlineData("activation-weights", "(Conv): input 'input' must be a constant")]
    [InlineData("two-convs", "without a Sign")]
    [InlineData("sign-last", "must be the last weighted layer's logits")]
    [InlineData("shape", "(Gemm): weight shape [2000, 10] takes 2000 features, the input has 2704")]
    [InlineData("normalize-padded", "(Conv): an input normalization with a nonzero shift")]
    public void When_graph_is_unsupported_Expect_one_line_naming_file_and_node(string kind, string expected)
    {
        var ex = Assert.Throws<BmcnnException>(() => OnnxImport.Read(new MemoryStream(Bad(kind)), "bad.onnx", new OnnxImportOptions()));
        Assert.StartsWith("bad.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("truncated", "not a valid ONNX file")]
    [InlineData("relu", "(Relu): unsupported op type")]
    [InlineData("residual", "branching graph")]
    public void When_cli_imports_a_bad_file_Expect_exit_2_and_nothing_written(string kind, string expected)
    {
        string source = Path.Combine(_dir, kind + ".onnx");
        var bytes = kind == "truncated" ? Bad("ok")[..1000] : Bad(kind);
        File.WriteAllBytes(source, bytes);
        string target = Path.Combine(_dir, "out.bmcnn");
        var error = new StringWriter();
        int code = BmcnnApp.Run(["import", "onnx", source, "--out", target], new StringWriter(), error);
        Assert.Equal(2, code);
        Assert.Contains(source, error.ToString());
        Assert.Contains(expected, error.ToString());
        Assert.Single(error.ToString().Trim().Split('\n'));
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(_dir, "out*"));
    }

    [Fact]
    public void When_cli_imports_a_good_file_Expect_model_written_and_layers_listed()
    {
        string source = Path.Combine(_dir, "ok.onnx");
        File.WriteAllBytes(source, Bad("ok"));
        string target = Path.Combine(_dir, "ok.bmcnn");
        var output = new StringWriter();
        int code = BmcnnApp.Run(["import", "onnx", source, "--out", target, "--dataset", "mnist", "--normalize", "0,1"], output, new StringWriter());
        Assert.Equal(0, code);
        Assert.Contains("conv1", output.ToString());
        Assert.Equal("mnist", Bmcnn.Network.Model.ModelFile.Load(target).Metadata["dataset"]);
    }
}
