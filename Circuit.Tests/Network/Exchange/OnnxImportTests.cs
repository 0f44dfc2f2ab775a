using Bmcnn.Circuit;
using Bmcnn.Network.Exchange;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;
using Bmcnn.Tests.Network.Model;
using static Bmcnn.Tests.Network.Exchange.OnnxGraphBuilder;

namespace Bmcnn.Tests.Network.Exchange;

public sealed class OnnxImportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bmcnn-onnx-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Network", "Exchange", "Fixtures", name);

    [SkippableTheory]
    [InlineData("padded-folded")]
    [InlineData("padded-signs")]
    [InlineData("hybrid-folded")]
    [InlineData("hybrid-signs")]
    public void When_importing_pytorch_export_Expect_software_predictions_equal_pytorch_on_all_test_images(string name)
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = OnnxImport.Import(Fixture(name + ".onnx"));
        var expected = File.ReadAllLines(Fixture(name[..name.IndexOf('-')] + "-predictions.txt")).Select(int.Parse).ToArray();
        var predictions = InferencePipeline.Software(model).Evaluate(test!).Predictions;
        Assert.Equal(10_000, expected.Length);
        Assert.Equal(expected, predictions);
        Assert.Equal(name.StartsWith("hybrid", StringComparison.Ordinal), model.Blocks[0].Weighted.Digital);
    }

    private static IEnumerable<double> Signs(int n, Random r, double alpha = 1) =>
        Enumerable.Range(0, n).Select(_ => r.Next(2) == 0 ? -alpha : alpha);

    private static IEnumerable<double> Gaussian(int n, Random r, double scale = 1) =>
        Enumerable.Range(0, n).Select(_ => scale * (r.NextDouble() + r.NextDouble() + r.NextDouble() - 1.5));

    /// <summary>Per-channel ±α weights of a conv (PyTorch's folded batch-norm).</summary>
    private static IEnumerable<double> ScaledSigns(int outputs, int per, Random r) =>
        Enumerable.Range(0, outputs).SelectMany(o => Signs(per, r, (o % 2 == 0 ? 1 : -1) * (0.1 + r.NextDouble())));

    private static void BatchNorm(OnnxGraphBuilder g, string name, int n, Random r, double spread)
    {
        g.Node("BatchNormalization",
        [
            g.Init(name + ".g", [n], Gaussian(n, r, 2)), g.Init(name + ".b", [n], Gaussian(n, r)),
            g.Init(name + ".m", [n], Gaussian(n, r, spread)),
            g.Init(name + ".v", [n], Gaussian(n, r).Select(v => spread * spread * (0.5 + Math.Abs(v)))),
        ], FloatAttr("epsilon", 1e-5f));
    }

    /// <summary>Graphs covering every supported op and attribute, each judged by ONNX Runtime.</summary>
    public static TheoryData<string> Graphs => new() { "folded-conv", "sign-weights", "normalized", "constants", "digital", "mlp" };

    private static (byte[] Model, int[] Dims) Graph(string kind)
    {
        var r = new Random(kind.Length * 31 + kind[0]);
        switch (kind)
        {
            case "folded-conv":
                {
                    // Conv with ±α_c weights and a bias, padding and stride; Sign; overlapping MaxPool; Flatten; Gemm transB.
                    var g = new OnnxGraphBuilder(1, 28, 28);
                    g.Node("Conv", [g.Init("w1", [6, 1, 3, 3], ScaledSigns(6, 9, r)), g.Init("b1", [6], Gaussian(6, r))],
                        IntsAttr("kernel_shape", 3, 3), IntsAttr("strides", 2, 2), IntsAttr("pads", 1, 1, 1, 1));
                    g.Node("Sign");
                    g.Node("MaxPool", null, IntsAttr("kernel_shape", 3, 3), IntsAttr("strides", 2, 2));
                    g.Node("Conv", [g.Init("w2", [8, 6, 2, 3], ScaledSigns(8, 36, r)), g.Init("b2", [8], Gaussian(8, r, 4))],
                        IntsAttr("pads", 1, 0, 1, 0));
                    g.Node("Sign");
                    g.Node("Flatten");
                    g.Node("Gemm", [g.Init("w3", [10, 7 * 4 * 8], Signs(10 * 224, r, 0.5)), g.Init("b3", [10], Gaussian(10, r))],
                        IntAttr("transB", 1), FloatAttr("alpha", 2f), FloatAttr("beta", 0.5f));
                    return (g.Build(), [1, 28, 28]);
                }
            case "sign-weights":
                {
                    // Sign(initializer) weights, BatchNormalization, Clip (hard-tanh) before Sign, Reshape, MatMul of Transpose, Add, Mul.
                    var g = new OnnxGraphBuilder(1, 28, 28);
                    var w1 = g.Constant("Sign", [g.Init("w1", [4, 1, 5, 5], Gaussian(100, r))]).Output[0];
                    g.Node("Conv", [w1], IntsAttr("kernel_shape", 5, 5), IntsAttr("pads", 2, 2, 2, 2));
                    BatchNorm(g, "bn1", 4, r, 3);
                    g.Node("Clip", [g.Init("lo", [], [-1]), g.Init("hi", [], [1])]);
                    g.Node("Sign");
                    g.Node("MaxPool", null, IntsAttr("kernel_shape", 2, 2), IntsAttr("strides", 2, 2));
                    g.Node("Reshape", [g.Ints("shape", -1, 784)]);
                    var w2 = g.Constant("Transpose", [g.Constant("Sign", [g.Init("w2", [16, 784], Gaussian(784 * 16, r))]).Output[0]]).Output[0];
                    g.Node("MatMul", [w2]);
                    g.Node("Add", [g.Init("b2", [16], Gaussian(16, r, 5))]);
                    BatchNorm(g, "bn2", 16, r, 20);
                    g.Node("Sign");
                    g.Node("MatMul", [g.Init("w3", [16, 10], Signs(160, r))]);
                    g.Node("Mul", [g.Init("s3", [10], Gaussian(10, r))]);
                    g.Node("Add", [g.Init("b3", [10], Gaussian(10, r))]);
                    return (g.Build(), [1, 28, 28]);
                }
            case "normalized":
                {
                    // A leading Sub/Div input normalization folded into an unpadded first layer; Sub and Div after the sums.
                    var g = new OnnxGraphBuilder(1, 28, 28);
                    g.Node("Sub", [g.Init("mean", [], [0.1307])]);
                    g.Node("Div", [g.Init("std", [], [0.3081])]);
                    g.Node("Conv", [g.Init("w1", [5, 1, 4, 4], Signs(80, r))], IntsAttr("strides", 3, 3));
                    g.Node("Sub", [g.Init("t1", [1, 5, 1, 1], Gaussian(5, r, 4))]);
                    g.Node("Div", [g.Init("d1", [1, 5, 1, 1], Gaussian(5, r))]);
                    g.Node("Sign");
                    g.Node("Flatten");
                    g.Node("Gemm", [g.Init("w2", [405, 10], Signs(4050, r))]);
                    return (g.Build(), [1, 28, 28]);
                }
            case "constants":
                {
                    // Weights from Constant nodes, Identity and Dropout passes, Softmax at the end.
                    var g = new OnnxGraphBuilder(1, 28, 28);
                    var value = OnnxTensor.Float("c1", [3, 1, 3, 3], Signs(27, r).Select(v => (float)v).ToArray());
                    var w1 = g.Constant("Constant", [], TensorAttr("value", value));
                    g.Node("Identity");
                    g.Node("Conv", [w1.Output[0]]);
                    g.Node("Add", [g.Init("b1", [3, 1, 1], Gaussian(3, r, 2))]);
                    g.Node("Sign");
                    g.Node("Dropout");
                    g.Node("MaxPool", null, IntsAttr("kernel_shape", 2, 3), IntsAttr("strides", 2, 3));
                    g.Node("Flatten");
                    g.Node("Gemm", [g.Init("w2", [13 * 8 * 3, 10], Signs(3120, r)), g.Init("b2", [1, 10], Gaussian(10, r))]);
                    g.Node("Softmax", null, IntAttr("axis", 1));
                    return (g.Build(), [1, 28, 28]);
                }
            case "digital":
                {
                    // Float weights in the first and last layers (digital), binary in between.
                    var g = new OnnxGraphBuilder(1, 28, 28);
                    g.Node("Conv", [g.Init("w1", [4, 1, 3, 3], Gaussian(36, r)), g.Init("b1", [4], Gaussian(4, r, 0.2))],
                        IntsAttr("pads", 1, 1, 1, 1), IntsAttr("strides", 2, 2));
                    g.Node("Sign");
                    g.Node("Conv", [g.Init("w2", [6, 4, 3, 3], ScaledSigns(6, 36, r)), g.Init("b2", [6], Gaussian(6, r, 3))],
                        IntsAttr("pads", 1, 1, 1, 1));
                    g.Node("Sign");
                    g.Node("Flatten");
                    g.Node("Gemm", [g.Init("w3", [10, 14 * 14 * 6], Gaussian(11760, r)), g.Init("b3", [10], Gaussian(10, r))], IntAttr("transB", 1));
                    return (g.Build(), [1, 28, 28]);
                }
            default:
                {
                    // A multilayer perceptron on a flat [N, 784] input.
                    var g = new OnnxGraphBuilder(1, 0, 784);
                    g.Node("Gemm", [g.Init("w1", [784, 32], Signs(784 * 32, r, 0.25)), g.Init("b1", [32], Gaussian(32, r, 2))]);
                    g.Node("Sign");
                    g.Node("Gemm", [g.Init("w2", [32, 10], Signs(320, r)), g.Init("b2", [10], Gaussian(10, r))]);
                    return (g.Build(), [784]);
                }
        }
    }

    [Theory]
    [MemberData(nameof(Graphs))]
    public void When_importing_graph_Expect_software_predictions_equal_onnx_runtime(string kind)
    {
        var (bytes, dims) = Graph(kind);
        var model = OnnxImport.Read(new MemoryStream(bytes), kind + ".onnx", new OnnxImportOptions());
        const int count = 300;
        var pixels = OnnxRuntimeJudge.RandomImages(count, 3);
        var ours = InferencePipeline.Software(model, threads: 1).Predict(pixels, count);
        var judge = OnnxRuntimeJudge.Predict(bytes, pixels, count, dims);
        Assert.Equal(judge, ours);
        Assert.True(judge.Distinct().Count() >= 3, "the graph must make varied decisions");
        Assert.Equal(kind == "digital", model.Blocks[0].Weighted.Digital);
    }

    [Fact]
    public void When_weights_are_bipolar_quantized_Expect_same_model_as_sign()
    {
        var r = new Random(8);
        var w = Gaussian(9 * 4, r).ToArray();
        var bias = Gaussian(10, r).ToArray();
        var w2 = Signs(4 * 26 * 26 * 10, r).ToArray();
        BnnModel Build(bool quant)
        {
            var g = new OnnxGraphBuilder(1, 28, 28);
            var weights = quant
                ? g.Constant("BipolarQuant", [g.Init("w", [4, 1, 3, 3], w), g.Init("s", [], [1])]).Output[0]
                : g.Constant("Sign", [g.Init("w", [4, 1, 3, 3], w)]).Output[0];
            g.Node("Conv", [weights]);
            if (quant)
            {
                g.Node("BipolarQuant", [g.Init("s2", [], [1])]);
            }
            else
            {
                g.Node("Sign");
            }
            g.Node("Flatten");
            g.Node("Gemm", [g.Init("w2", [2704, 10], w2), g.Init("b", [10], bias)]);
            return OnnxImport.Read(new MemoryStream(g.Build()), "q.onnx", new OnnxImportOptions());
        }
        var a = Build(true);
        var b = Build(false);
        for (int i = 0; i < a.Blocks.Count; i++)
        {
            Assert.Equal(a.Blocks[i].Weighted.Weights, b.Blocks[i].Weighted.Weights);
        }
    }

    [Fact]
    public void When_normalize_option_is_given_Expect_same_predictions_as_graph_with_normalization()
    {
        var r = new Random(4);
        var w = Signs(5 * 16, r).ToArray();
        var t = Gaussian(5, r, 4).ToArray();
        var w2 = Signs(405 * 10, r).ToArray();
        byte[] Build(bool inGraph)
        {
            var g = new OnnxGraphBuilder(1, 28, 28);
            if (inGraph)
            {
                g.Node("Sub", [g.Init("mean", [], [0.5])]);
                g.Node("Div", [g.Init("std", [], [0.25])]);
            }
            g.Node("Conv", [g.Init("w1", [5, 1, 4, 4], w)], IntsAttr("strides", 3, 3));
            g.Node("Sub", [g.Init("t1", [1, 5, 1, 1], t)]);
            g.Node("Sign");
            g.Node("Flatten");
            g.Node("Gemm", [g.Init("w2", [405, 10], w2)]);
            return g.Build();
        }
        var pixels = new byte[200 * 784];
        new Random(5).NextBytes(pixels);
        var graph = OnnxImport.Read(new MemoryStream(Build(true)), "a.onnx", new OnnxImportOptions());
        var option = OnnxImport.Read(new MemoryStream(Build(false)), "b.onnx", new OnnxImportOptions(0.5, 0.25));
        Assert.Equal(InferencePipeline.Software(graph).Predict(pixels, 200), InferencePipeline.Software(option).Predict(pixels, 200));
        Assert.Equal("0.5,0.25", option.Metadata["import.normalize"]);
    }
}
