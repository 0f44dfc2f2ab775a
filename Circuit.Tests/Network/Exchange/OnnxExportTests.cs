using Bmcnn.Cli;
using Bmcnn.Network.Exchange;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Network.Exchange;

/// <summary>Exported models judged by ONNX Runtime: the same predictions as the software network.</summary>
public sealed class OnnxExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bmcnn-onnx-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static byte[] Export(BnnModel model)
    {
        var stream = new MemoryStream();
        OnnxExport.Write(model, stream);
        return stream.ToArray();
    }

    [SkippableFact]
    public void When_exporting_shipped_lenet_Expect_onnx_runtime_predictions_equal_software_on_1000_test_images()
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var model = DefaultModel.Load();
        var images = test!.Take(1000);
        var software = InferencePipeline.Software(model).Evaluate(images).Predictions;
        var judge = OnnxRuntimeJudge.Predict(Export(model), images.Pixels, images.Count, [1, 28, 28]);
        Assert.Equal(software, judge);
    }

    [Theory]
    [InlineData(false, 8)]
    [InlineData(true, 8)]
    [InlineData(false, 3)]
    public void When_exporting_padded_or_hybrid_model_Expect_onnx_runtime_predictions_equal_software(bool hybrid, int bits)
    {
        var padded = RandomNetworks.Padded(41, hybrid);
        var model = new BnnModel(padded.Arch, padded.Input, bits, padded.Layers);
        const int count = 300;
        var pixels = OnnxRuntimeJudge.RandomImages(count, 6);
        var software = InferencePipeline.Software(model, threads: 1).Predict(pixels, count);
        var judge = OnnxRuntimeJudge.Predict(Export(model), pixels, count, [1, 28, 28]);
        Assert.Equal(software, judge);
        Assert.True(software.Distinct().Count() >= 3);
    }

    [Fact]
    public void When_exported_model_is_imported_again_Expect_same_predictions()
    {
        var model = RandomNetworks.Padded(42, hybrid: true);
        var back = OnnxImport.Read(new MemoryStream(Export(model)), "round.onnx", new OnnxImportOptions());
        var pixels = new byte[200 * 784];
        new Random(2).NextBytes(pixels);
        Assert.Equal(InferencePipeline.Software(model).Predict(pixels, 200), InferencePipeline.Software(back).Predict(pixels, 200));
    }

    [Fact]
    public void When_cli_exports_Expect_file_and_summary()
    {
        string target = Path.Combine(_dir, "lenet.onnx");
        var output = new StringWriter();
        Assert.Equal(0, BmcnnApp.Run(["export", "onnx", "default", "--out", target], output, new StringWriter()));
        Assert.Contains("opset 13", output.ToString());
        Assert.True(new FileInfo(target).Length > 1000);
        var error = new StringWriter();
        Assert.Equal(2, BmcnnApp.Run(["export", "onnx", Path.Combine(_dir, "missing.bmcnn"), "--out", target + "2"], new StringWriter(), error));
        Assert.Contains("missing.bmcnn", error.ToString());
    }
}
