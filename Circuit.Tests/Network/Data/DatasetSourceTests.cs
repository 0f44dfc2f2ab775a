using Bmcnn.Circuit;
using Bmcnn.Network.Data;

namespace Bmcnn.Tests.Network.Data;

public sealed class DatasetSourceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bmcnn-dataset-").FullName;

    public void Dispose() => Directory.Delete(_root, true);

    /// <summary>Writes a tiny set (count images of rows×cols, gzip) under <paramref name="name"/>; returns its folder.</summary>
    internal static string WriteSet(string root, string name, int count = 4, int rows = 3, int cols = 3, bool train = true)
    {
        string folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        var pixels = Enumerable.Range(0, count * rows * cols).Select(i => (byte)(i * 7)).ToArray();
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
        var sets = train ? new[] { MnistFolder.Test, MnistFolder.Train } : new[] { MnistFolder.Test };
        foreach (var (images, labelFile) in sets)
        {
            File.WriteAllBytes(Path.Combine(folder, images + ".gz"), MnistDataTests.Gzip(MnistDataTests.Idx(pixels, count, rows, cols)));
            File.WriteAllBytes(Path.Combine(folder, labelFile + ".gz"), MnistDataTests.Gzip(MnistDataTests.Idx(labels, count)));
        }
        return folder;
    }

    [Fact]
    public void When_dataset_is_a_folder_Expect_its_name_and_images()
    {
        string folder = WriteSet(_root, "kuzushiji", count: 5, rows: 4, cols: 6);
        var source = DatasetSource.Resolve(folder, null, allowDownload: false);
        Assert.Equal("kuzushiji", source.Name);
        var test = source.LoadTest();
        Assert.Equal((5, 4, 6), (test.Count, test.Rows, test.Cols));
        Assert.Equal(5, source.LoadTrain().Count);
        Assert.Contains("kuzushiji test", test.Name);
    }

    [Fact]
    public void When_fashion_mnist_with_data_folder_Expect_that_folder_under_the_fashion_name()
    {
        string folder = WriteSet(_root, "elsewhere");
        var source = DatasetSource.Resolve("fashion-mnist", folder, allowDownload: false);
        Assert.Equal(DatasetSource.FashionMnist, source.Name);
        Assert.Equal(Path.GetFullPath(folder), source.Folder);
        Assert.StartsWith("Fashion-MNIST test", source.LoadTest().Name);
    }

    [Fact]
    public void When_no_dataset_is_named_Expect_mnist_with_the_data_folder()
    {
        string folder = WriteSet(_root, "digits");
        var source = DatasetSource.Resolve(null, folder, allowDownload: false);
        Assert.Equal(DatasetSource.Mnist, source.Name);
        Assert.StartsWith("MNIST test", source.LoadTest().Name);
    }

    [Fact]
    public void When_fashion_mnist_is_looked_up_Expect_data_fashion_mnist_and_shared_candidates()
    {
        var candidates = MnistFolder.Candidates(DatasetSource.FashionMnist, DatasetSource.FashionEnvironmentVariable).ToList();
        Assert.Contains(Path.Combine(".", "data", "fashion-mnist"), candidates);
        Assert.Contains(Path.Combine("..", "shared", "data", "fashion-mnist"), candidates);
        Assert.DoesNotContain(candidates, c => c.EndsWith(Path.Combine("data", "mnist"), StringComparison.Ordinal));
    }

    [SkippableFact]
    public void When_shared_fashion_mnist_is_present_Expect_it_found_and_checksummed()
    {
        string? folder = MnistFolder.FirstWithTestSet(MnistFolder.Candidates(DatasetSource.FashionMnist, DatasetSource.FashionEnvironmentVariable));
        Skip.If(folder is null, "Fashion-MNIST not found (keep ../shared/data/fashion-mnist)");
        var source = DatasetSource.Resolve("fashion-mnist", null, allowDownload: false);
        var test = source.LoadTest();
        Assert.Equal((10000, 28, 28), (test.Count, test.Rows, test.Cols));
        Assert.Equal(1000, test.Labels.Count(l => l == 9));
    }

    [Fact]
    public void When_folder_lacks_test_labels_Expect_one_line_error_naming_the_file()
    {
        string folder = WriteSet(_root, "partial");
        File.Delete(Path.Combine(folder, MnistFolder.Test.Labels + ".gz"));
        var ex = Assert.Throws<BmcnnException>(() => DatasetSource.Resolve(folder, null, allowDownload: false));
        Assert.Contains(Path.Combine(folder, MnistFolder.Test.Labels + ".gz"), ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void When_folder_has_no_training_set_Expect_load_train_names_the_file()
    {
        string folder = WriteSet(_root, "testonly", train: false);
        var source = DatasetSource.Resolve(folder, null, allowDownload: false);
        var ex = Assert.ThrowsAny<Exception>(source.LoadTrain);
        Assert.True(ex is BmcnnException or IOException, ex.GetType().Name);
        Assert.Contains(MnistFolder.Train.Images, ex.Message);
    }

    [Fact]
    public void When_idx_file_is_corrupt_Expect_error_naming_it()
    {
        string folder = WriteSet(_root, "corrupt");
        string images = Path.Combine(folder, MnistFolder.Test.Images + ".gz");
        File.WriteAllBytes(images, MnistDataTests.Gzip([0, 0, 8, 3, 0, 0]));
        var ex = Assert.Throws<BmcnnException>(() => DatasetSource.Resolve(folder, null, allowDownload: false).LoadTest());
        Assert.Contains(images, ex.Message);
    }

    [Theory]
    [InlineData("cifar-100")]
    [InlineData("MNIST")]
    public void When_name_is_neither_known_nor_a_folder_Expect_refusal_listing_known_names(string name)
    {
        var ex = Assert.Throws<BmcnnException>(() => DatasetSource.Resolve(name, null, allowDownload: false));
        Assert.Contains($"'{name}'", ex.Message);
        Assert.Contains("mnist, fashion-mnist", ex.Message);
    }

    [Fact]
    public void When_folder_dataset_and_data_folder_both_given_Expect_refusal()
    {
        string folder = WriteSet(_root, "custom");
        var ex = Assert.Throws<BmcnnException>(() => DatasetSource.Resolve(folder, folder, allowDownload: false));
        Assert.Contains("--data", ex.Message);
    }

    [Fact]
    public void When_fashion_data_folder_is_missing_Expect_refusal_naming_it()
    {
        string missing = Path.Combine(_root, "nope");
        var ex = Assert.Throws<BmcnnException>(() => DatasetSource.Resolve("fashion-mnist", missing, allowDownload: false));
        Assert.Contains(missing, ex.Message);
    }
}
