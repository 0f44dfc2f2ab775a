using Bmcnn.Circuit;
using Bmcnn.Network.Data;
using Bmcnn.Network.Exchange;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;
using Bmcnn.Tests.Architecture;

namespace Bmcnn.Tests.Network.Exchange;

/// <summary>Every model shipped in models/, exported to ONNX and judged by ONNX Runtime on its own dataset's test set.</summary>
public class ShippedModelExportTests
{
    [SkippableTheory]
    [InlineData("lenet.bmcnn")]
    [InlineData("lenet-vat.bmcnn")]
    [InlineData("lenet-vat-noise.bmcnn")]
    [InlineData("fashion-lenet.bmcnn")]
    public void When_exporting_a_shipped_model_Expect_onnx_runtime_predictions_equal_software_on_all_test_images(string file)
    {
        var model = ModelFile.Load(Path.Combine(RepositoryFiles.Root, "models", file));
        string dataset = ModelDataset.NameOf(model);
        DatasetSource source;
        try
        {
            source = DatasetSource.Resolve(dataset, null, allowDownload: false);
        }
        catch (BmcnnException e)
        {
            throw new SkipException($"{dataset} test set not found: {e.Message}");
        }
        var test = MnistFolder.LoadTest(source.Folder);
        var stream = new MemoryStream();
        OnnxExport.Write(model, stream);
        var software = InferencePipeline.Software(model).Evaluate(test).Predictions;
        var judge = OnnxRuntimeJudge.Predict(stream.ToArray(), test.Pixels, test.Count, [1, 28, 28]);
        Assert.Equal(10_000, test.Count);
        Assert.Equal(software, judge);
    }
}
