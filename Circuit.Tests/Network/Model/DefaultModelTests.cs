using Bmcnn.Network.Data;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;
using Bmcnn.Tests.Network.Data;

namespace Bmcnn.Tests.Network.Model;

public class DefaultModelTests
{
    [Theory]
    [InlineData("lenet")]
    [InlineData("lenet-vat")]
    public void When_loading_shipped_model_Expect_lenet_layers(string name)
    {
        var model = DefaultModel.Load(name);
        Assert.Equal(new[] { "conv1", "conv2", "fc1", "fc2" }, model.Blocks.Select(b => b.Weighted.Name));
        Assert.Equal(800, model.Layer("conv2").Rows);
        Assert.Equal(1024, model.Layer("fc1").Rows);
        Assert.Contains("bmcnn train", model.Metadata["train.command"]);
    }

    [SkippableFact]
    public void When_default_model_classifies_first_500_test_images_Expect_high_accuracy()
    {
        var folder = MnistAvailability.Folder();
        Skip.If(folder is null, "MNIST not found");
        var result = InferencePipeline.Software(DefaultModel.Load()).Evaluate(MnistFolder.LoadTest(folder).Take(500));
        Assert.True(result.Accuracy > 0.97, $"accuracy {result.Accuracy:P2}");
    }
}
