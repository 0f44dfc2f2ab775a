using Bmcnn.Circuit;
using Bmcnn.Network.Model;

namespace Bmcnn.Tests.Network.Model;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bmcnn-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A small lenet with random weights and batch-norm values.</summary>
    internal static BnnModel RandomModel(int seed, int[]? widths = null)
    {
        var template = Architectures.Lenet(widths ?? [4, 8, 16]);
        var r = new Random(seed);
        var layers = new List<ModelLayer>();
        foreach (var layer in template.Layers)
        {
            switch (layer)
            {
                case BinaryConv2d c:
                    layers.Add(new BinaryConv2d(c.Name, c.InChannels, c.OutChannels, c.Kernel, Signs(r, c.Weights.Length)));
                    break;
                case BinaryLinear l:
                    layers.Add(new BinaryLinear(l.Name, l.Rows, l.Columns, Signs(r, l.Weights.Length)));
                    break;
                case BatchNorm bn:
                    float Next(double lo, double hi) => (float)(lo + r.NextDouble() * (hi - lo));
                    var gamma = Enumerable.Range(0, bn.Features).Select(i => Next(-1.5, 1.5)).ToArray();
                    gamma[0] = 0; // a dead channel: constant output
                    // Means and deviations on the scale of each layer's sums, so that decisions vary between images.
                    var scale = bn.Name.StartsWith("conv1") ? 3.0 : bn.Name.StartsWith("fc2") ? 0.5 : 8;
                    layers.Add(new BatchNorm(bn.Name, bn.Features, 1e-5f, gamma,
                        Enumerable.Range(0, bn.Features).Select(i => Next(-1, 1)).ToArray(),
                        Enumerable.Range(0, bn.Features).Select(i => Next(-scale, scale)).ToArray(),
                        Enumerable.Range(0, bn.Features).Select(i => Next(0.5, scale * scale)).ToArray()));
                    break;
                default:
                    layers.Add(layer);
                    break;
            }
        }
        return new BnnModel("lenet", template.Input, 8, layers, new Dictionary<string, string> { ["note"] = "random" });
    }

    private static sbyte[] Signs(Random r, int n) => Enumerable.Range(0, n).Select(_ => r.Next(2) == 0 ? (sbyte)-1 : (sbyte)1).ToArray();

    [Fact]
    public void When_saving_and_loading_Expect_identical_model()
    {
        var model = RandomModel(1);
        string path = Path.Combine(_dir, "m.bmcnn");
        ModelFile.Save(model, path);
        var back = ModelFile.Load(path);
        Assert.Equal(model.Arch, back.Arch);
        Assert.Equal(model.Input, back.Input);
        Assert.Equal(model.Layers.Select(l => (l.Type, l.Name)), back.Layers.Select(l => (l.Type, l.Name)));
        for (int b = 0; b < model.Blocks.Count; b++)
        {
            Assert.Equal(model.Blocks[b].Weighted.Weights, back.Blocks[b].Weighted.Weights);
            Assert.Equal(model.Blocks[b].Norm.Gamma, back.Blocks[b].Norm.Gamma);
            Assert.Equal(model.Blocks[b].Norm.Beta, back.Blocks[b].Norm.Beta);
            Assert.Equal(model.Blocks[b].Norm.Mean, back.Blocks[b].Norm.Mean);
            Assert.Equal(model.Blocks[b].Norm.Variance, back.Blocks[b].Norm.Variance);
        }
        Assert.Equal("random", back.Metadata["note"]);
        // Saving again gives the same bytes.
        string again = Path.Combine(_dir, "m2.bmcnn");
        ModelFile.Save(back, again);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
    }

    private string Mutate(Func<string, string> change)
    {
        string path = Path.Combine(_dir, "m.bmcnn");
        ModelFile.Save(RandomModel(2), path);
        File.WriteAllText(path, change(File.ReadAllText(path)));
        return path;
    }

    [Theory]
    [InlineData("\"version\": 1", "\"version\": 7", "version 7")]
    [InlineData("\"format\": \"bmcnn-model\"", "\"format\": \"other\"", "'format'")]
    [InlineData("\"kernel\": 5", "\"kernel\": 4", "weights")]
    [InlineData("\"type\": \"maxpool\"", "\"type\": \"avgpool\"", "avgpool")]
    [InlineData("\"features\": 4", "\"features\": 5", "gamma")]
    public void When_model_file_is_corrupt_Expect_error_naming_file_and_field(string from, string to, string expected)
    {
        string path = Mutate(text =>
        {
            Assert.Contains(from, text);
            int i = text.IndexOf(from, StringComparison.Ordinal);
            return text[..i] + to + text[(i + from.Length)..];
        });
        var ex = Assert.Throws<BmcnnException>(() => ModelFile.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void When_model_file_is_truncated_Expect_json_error_naming_file()
    {
        string path = Mutate(text => text[..(text.Length / 2)]);
        var ex = Assert.Throws<BmcnnException>(() => ModelFile.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("not a valid model file", ex.Message);
    }

    [Fact]
    public void When_layers_do_not_chain_Expect_error()
    {
        var layers = new List<ModelLayer> { new BinaryLinear("fc", 10, 4), new BatchNorm("bn", 4) };
        var ex = Assert.Throws<BmcnnException>(() => new BnnModel("x", new TensorShape(28, 28, 1), 8, layers));
        Assert.Contains("fc", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void When_saving_a_version_2_model_Expect_identical_model_and_bytes(bool hybrid)
    {
        var model = RandomNetworks.Padded(3, hybrid);
        Assert.Equal(2, ModelFile.VersionFor(model));
        string path = Path.Combine(_dir, "v2.bmcnn");
        ModelFile.Save(model, path);
        Assert.Contains("\"version\": 2", File.ReadAllText(path));
        var back = ModelFile.Load(path);
        for (int b = 0; b < model.Blocks.Count; b++)
        {
            Assert.Equal(model.Blocks[b].Weighted.Values, back.Blocks[b].Weighted.Values);
            Assert.Equal(model.Blocks[b].Weighted.Digital, back.Blocks[b].Weighted.Digital);
            Assert.Equal(model.Blocks[b].Input, back.Blocks[b].Input);
            Assert.Equal(model.Blocks[b].Result, back.Blocks[b].Result);
        }
        Assert.Equal(((BinaryConv2d)model.Layers[4]).Geometry, ((BinaryConv2d)back.Layers[4]).Geometry);
        Assert.Equal(((MaxPool)model.Layers[3]).Window, ((MaxPool)back.Layers[3]).Window);
        string again = Path.Combine(_dir, "v2b.bmcnn");
        ModelFile.Save(back, again);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
    }

    [Fact]
    public void When_model_uses_only_version_1_shapes_Expect_version_1_file()
    {
        string path = Path.Combine(_dir, "v1.bmcnn");
        ModelFile.Save(RandomModel(4), path);
        Assert.Contains("\"version\": 1", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("\"padding\": [", "\"padding\": [7, ", "padding")]
    [InlineData("\"precision\": \"float32\"", "\"precision\": \"int4\"", "precision")]
    [InlineData("\"stride\": [", "\"stride\": [\"x\", ", "stride")]
    [InlineData("\"kernel\": [", "\"kernel\": [1, 1], \"k\": [", "invalid window")]
    public void When_version_2_field_is_corrupt_Expect_error_naming_file_and_field(string from, string to, string expected)
    {
        string path = Path.Combine(_dir, "bad.bmcnn");
        ModelFile.Save(RandomNetworks.Padded(3, hybrid: true), path);
        string text = File.ReadAllText(path);
        int i = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(i >= 0);
        File.WriteAllText(path, text[..i] + to + text[(i + from.Length)..]);
        var ex = Assert.Throws<BmcnnException>(() => ModelFile.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains(expected, ex.Message);
    }
}
