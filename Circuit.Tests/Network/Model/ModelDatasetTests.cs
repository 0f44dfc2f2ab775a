using Bmcnn.Circuit;
using Bmcnn.Network.Model;

namespace Bmcnn.Tests.Network.Model;

public sealed class ModelDatasetTests
{
    private static readonly TensorShape Mnist = new(28, 28, 1);

    [Theory]
    [InlineData(DefaultModel.Lenet)]
    [InlineData(DefaultModel.LenetVariationAware)]
    [InlineData(DefaultModel.LenetNoiseAware)]
    public void When_shipped_model_has_no_record_Expect_mnist_assumed_and_accepted_only_for_mnist(string name)
    {
        var model = DefaultModel.Load(name);
        Assert.False(model.Metadata.ContainsKey(ModelDataset.MetadataKey));
        Assert.Equal("mnist", ModelDataset.NameOf(model));
        ModelDataset.EnsureMatches(model, name, "mnist", Mnist);
        var ex = Assert.Throws<BmcnnException>(() => ModelDataset.EnsureMatches(model, name, "fashion-mnist", Mnist));
        Assert.Contains("(no record, assumed)", ex.Message);
    }

    [Fact]
    public void When_recorded_dataset_differs_Expect_one_line_naming_model_and_both_values()
    {
        var model = ModelFileTests.RandomModel(1);
        model.Metadata[ModelDataset.MetadataKey] = "fashion-mnist";
        var ex = Assert.Throws<BmcnnException>(() => ModelDataset.EnsureMatches(model, "m/fashion.bmcnn", "mnist", Mnist));
        Assert.StartsWith("m/fashion.bmcnn: ", ex.Message);
        Assert.Contains("dataset fashion-mnist with input 1×28×28", ex.Message);
        Assert.Contains("data is mnist with input 1×28×28", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        ModelDataset.EnsureMatches(model, "m/fashion.bmcnn", "fashion-mnist", Mnist);
    }

    [Fact]
    public void When_input_shape_differs_Expect_refusal_naming_both_shapes()
    {
        var model = ModelFileTests.RandomModel(2);
        var ex = Assert.Throws<BmcnnException>(() => ModelDataset.EnsureMatches(model, "m.bmcnn", "mnist", new TensorShape(32, 32, 1)));
        Assert.Contains("1×28×28", ex.Message);
        Assert.Contains("1×32×32", ex.Message);
    }

    [Fact]
    public void When_record_is_saved_and_loaded_Expect_it_kept_and_old_files_unchanged()
    {
        string dir = Directory.CreateTempSubdirectory("bmcnn-record-").FullName;
        try
        {
            var model = ModelFileTests.RandomModel(3);
            string plain = Path.Combine(dir, "plain.bmcnn");
            ModelFile.Save(model, plain);
            Assert.DoesNotContain("\"dataset\"", File.ReadAllText(plain));
            Assert.Equal(1, ModelFile.VersionFor(model));
            model.Metadata[ModelDataset.MetadataKey] = "fashion-mnist";
            string recorded = Path.Combine(dir, "recorded.bmcnn");
            ModelFile.Save(model, recorded);
            Assert.Equal(1, ModelFile.VersionFor(model));
            Assert.Equal("fashion-mnist", ModelDataset.NameOf(ModelFile.Load(recorded)));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
