using Bmcnn.Circuit;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Network.Inference;

/// <summary>The fast software paths against the straightforward ones (<see cref="ReferenceKernels"/>).</summary>
public class PackedConvolutionTests
{
    [Theory]
    [InlineData(3, 5, 3, 3, 1, 1, 1, 1, 9, 9)]
    [InlineData(8, 7, 5, 5, 1, 1, 0, 0, 12, 12)]
    [InlineData(64, 9, 3, 3, 1, 1, 1, 1, 6, 7)]
    [InlineData(70, 6, 3, 2, 2, 2, 1, 1, 7, 9)]
    [InlineData(128, 5, 3, 3, 2, 1, 2, 1, 5, 8)]
    [InlineData(1, 4, 1, 1, 1, 1, 0, 0, 4, 4)]
    public void When_maps_are_convolved_from_bits_Expect_the_sums_of_the_unrolled_float_patches(int cin, int cout, int kh, int kw,
        int sh, int sw, int ph, int pw, int height, int width)
    {
        var random = RandomStream.For(7, cin, cout, kh * 10 + kw);
        var g = new ConvGeometry(kh, kw, sh, sw, ph, pw);
        var weights = new sbyte[g.Window * cin * cout];
        for (var i = 0; i < weights.Length; i++) weights[i] = random.NextDouble() < 0.5 ? (sbyte)-1 : (sbyte)1;
        var layer = new BinaryConv2d("conv", cin, cout, g, weights);
        var shape = new TensorShape(height, width, cin);
        const int images = 3;
        var maps = new float[images * shape.Size];
        for (var i = 0; i < maps.Length; i++) maps[i] = random.NextDouble() < 0.5 ? -1f : 1f;
        var (oh, ow) = g.Output(height, width);
        int vectors = images * oh * ow;
        var patches = new float[vectors * layer.Rows];
        InferencePipeline.Unroll(maps, images, shape, g, patches);
        var expected = new float[vectors * cout];
        new XnorPopcount(layer).Compute(patches, vectors, expected);
        var actual = new float[vectors * cout];
        new PackedConvolution(layer).ComputeMaps(maps, images, shape, actual);
        Assert.Equal(expected, actual);
        // The sums must not be trivially equal: both signs occur.
        Assert.Contains(expected, s => s > 0);
        Assert.Contains(expected, s => s < 0);
    }

    public static TheoryData<string> Networks => new() { "lenet", "padded", "hybrid", "wide" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void When_random_networks_run_Expect_every_sum_and_prediction_of_the_reference_kernels(string name)
    {
        var model = name switch
        {
            "lenet" => RandomNetworks.Lenet(41),
            "padded" => RandomNetworks.Padded(42),
            "hybrid" => RandomNetworks.Padded(43, hybrid: true),
            _ => RandomNetworks.Padded(44, c1: 32, c2: 96, f1: 70),
        };
        var random = RandomStream.For(8, name.Length, 0, 0);
        const int count = 60;
        var pixels = new byte[count * model.Input.Size];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(random.NextDouble() * 256);
        var reference = new List<float[]>();
        var fast = new List<float[]>();
        var referencePipeline = new InferencePipeline(model, new ReferenceKernels());
        var expected = referencePipeline.Trace(pixels, count, (b, n, sums) => reference.Add(sums[..(n * model.Blocks[b].Weighted.Columns)]));
        var fastPipeline = InferencePipeline.Software(model);
        var actual = fastPipeline.Trace(pixels, count, (b, n, sums) => fast.Add(sums[..(n * model.Blocks[b].Weighted.Columns)]));
        Assert.Equal(expected, actual);
        Assert.Equal(reference.Count, fast.Count);
        for (var i = 0; i < reference.Count; i++) Assert.Equal(reference[i], fast[i]);
        Assert.Equal(expected, fastPipeline.Predict(pixels, count));
        // Every block's sums must vary, or their equality could not fail.
        Assert.All(reference, sums => Assert.True(sums.Distinct().Count() >= 3));
    }
}
