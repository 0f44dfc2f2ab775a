using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Network.Inference;

public class SoftwareInferenceTests
{
    /// <summary>
    /// A straightforward reference: direct convolution loops in double, batch-norm applied as written (not folded),
    /// sign, max-pool, flatten in (row, column, channel) order, argmax of the last batch-norm.
    /// </summary>
    internal static (int Prediction, List<double[]> Sums) Reference(BnnModel model, byte[] pixels, int image)
    {
        var levels = model.PixelLevels();
        int h = model.Input.Height, w = model.Input.Width, c = model.Input.Channels;
        var x = new double[h * w * c];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = levels[pixels[image * x.Length + i]];
        }
        var sums = new List<double[]>();
        foreach (var block in model.Blocks)
        {
            double[] y;
            int oh, ow, oc;
            if (block.Weighted is BinaryConv2d conv)
            {
                var g = conv.Geometry;
                oh = (h + 2 * g.PadHeight - g.KernelHeight) / g.StrideHeight + 1;
                ow = (w + 2 * g.PadWidth - g.KernelWidth) / g.StrideWidth + 1;
                oc = conv.OutChannels;
                y = new double[oh * ow * oc];
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                        for (int o = 0; o < oc; o++)
                        {
                            double s = 0;
                            for (int ky = 0; ky < g.KernelHeight; ky++)
                                for (int kx = 0; kx < g.KernelWidth; kx++)
                                    for (int ci = 0; ci < c; ci++)
                                    {
                                        int iy = oy * g.StrideHeight - g.PadHeight + ky, ix = ox * g.StrideWidth - g.PadWidth + kx;
                                        if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                                        {
                                            s += x[(iy * w + ix) * c + ci] * conv.Values[o * conv.Rows + (ky * g.KernelWidth + kx) * c + ci];
                                        }
                                    }
                            y[(oy * ow + ox) * oc + o] = s;
                        }
            }
            else
            {
                var fc = block.Weighted;
                oh = 1;
                ow = 1;
                oc = fc.Columns;
                y = new double[oc];
                for (int o = 0; o < oc; o++)
                {
                    double s = 0;
                    for (int i = 0; i < fc.Rows; i++)
                    {
                        s += x[i] * fc.Values[o * fc.Rows + i];
                    }
                    y[o] = s;
                }
            }
            sums.Add((double[])y.Clone());
            var bn = block.Norm;
            for (int i = 0; i < y.Length; i++)
            {
                int ch = i % oc;
                y[i] = bn.Gamma[ch] * (y[i] - bn.Mean[ch]) / Math.Sqrt(bn.Variance[ch] + (double)bn.Eps) + bn.Beta[ch];
            }
            if (!block.Sign)
            {
                int best = 0;
                for (int i = 1; i < oc; i++)
                {
                    if (y[i] > y[best])
                    {
                        best = i;
                    }
                }
                return (best, sums);
            }
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = y[i] >= 0 ? 1 : -1;
            }
            if (block.Pool is not null)
            {
                var pg = block.Pool.Window;
                int ph = (oh - pg.KernelHeight) / pg.StrideHeight + 1, pw = (ow - pg.KernelWidth) / pg.StrideWidth + 1;
                var p = new double[ph * pw * oc];
                for (int py = 0; py < ph; py++)
                    for (int px = 0; px < pw; px++)
                        for (int o = 0; o < oc; o++)
                        {
                            double m = double.NegativeInfinity;
                            for (int dy = 0; dy < pg.KernelHeight; dy++)
                                for (int dx = 0; dx < pg.KernelWidth; dx++)
                                {
                                    m = Math.Max(m, y[((py * pg.StrideHeight + dy) * ow + px * pg.StrideWidth + dx) * oc + o]);
                                }
                            p[(py * pw + px) * oc + o] = m;
                        }
                y = p;
                oh = ph;
                ow = pw;
            }
            x = y;
            h = oh;
            w = ow;
            c = oc;
        }
        throw new InvalidOperationException("no output block");
    }

    private static byte[] RandomImages(int count, int seed)
    {
        var r = new Random(seed);
        var pixels = new byte[count * 784];
        for (int i = 0; i < pixels.Length; i++)
        {
            // MNIST-like: mostly background, some ink.
            pixels[i] = r.NextDouble() < 0.7 ? (byte)0 : (byte)r.Next(256);
        }
        return pixels;
    }

    [Theory]
    [InlineData(8)]
    [InlineData(3)]
    public void When_running_software_pipeline_Expect_reference_predictions_and_sums(int inputBits)
    {
        var random = ModelFileTests.RandomModel(3);
        var model = new BnnModel(random.Arch, random.Input, inputBits, random.Layers);
        const int count = 60;
        var pixels = RandomImages(count, 4);
        var pipeline = InferencePipeline.Software(model, threads: 2);
        var traced = new List<float[]>[model.Blocks.Count];
        for (int b = 0; b < traced.Length; b++)
        {
            traced[b] = new List<float[]>();
        }
        var tracedPredictions = pipeline.Trace(pixels, count, (block, vectors, sums) =>
            traced[block].Add(sums.AsSpan(0, vectors * model.Blocks[block].Weighted.Columns).ToArray()));
        var predictions = pipeline.Predict(pixels, count);
        Assert.Equal(tracedPredictions, predictions);
        AssertReference(model, pixels, count, predictions, traced, 1e-4);
    }

    /// <summary>Predictions and traced sums equal the reference's: ±1 layers integer-exact, the analog first layer
    /// and digital layers to <paramref name="tolerance"/> (float rounding).</summary>
    private static void AssertReference(BnnModel model, byte[] pixels, int count, int[] predictions, List<float[]>[] traced, double tolerance)
    {
        var flat = traced.Select(list => list.SelectMany(a => a).ToArray()).ToArray();
        var classes = new HashSet<int>();
        for (int i = 0; i < count; i++)
        {
            var (expected, sums) = Reference(model, pixels, i);
            Assert.Equal(expected, predictions[i]);
            classes.Add(expected);
            for (int b = 0; b < sums.Count; b++)
            {
                int per = sums[b].Length;
                bool exact = b != 0 && !model.Blocks[b].Weighted.Digital;
                for (int j = 0; j < per; j++)
                {
                    double got = flat[b][i * per + j];
                    Assert.True(exact ? got == sums[b][j] : Math.Abs(got - sums[b][j]) < tolerance,
                        $"image {i} block {b} sum {j}: {got} vs {sums[b][j]}");
                }
            }
        }
        Assert.True(classes.Count > 1, "a degenerate model predicting one class would not test much");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void When_network_is_padded_strided_or_hybrid_Expect_reference_predictions_and_sums(bool hybrid)
    {
        var model = RandomNetworks.Padded(7, hybrid);
        const int count = 40;
        var pixels = RandomImages(count, 9);
        var traced = new List<float[]>[model.Blocks.Count];
        for (int b = 0; b < traced.Length; b++)
        {
            traced[b] = new List<float[]>();
        }
        var predictions = InferencePipeline.Software(model, threads: 1).Trace(pixels, count, (block, vectors, sums) =>
            traced[block].Add(sums.AsSpan(0, vectors * model.Blocks[block].Weighted.Columns).ToArray()));
        AssertReference(model, pixels, count, predictions, traced, 1e-3);
    }

    [Fact]
    public void When_folding_batchnorm_and_sign_Expect_same_decision_as_unfolded()
    {
        var bn = new BatchNorm("bn", 3, 1e-5f, [2f, -0.5f, 0f], [0.3f, 0.2f, -0.1f], [1f, -2f, 0f], [4f, 9f, 1f]);
        for (int c = 0; c < 3; c++)
        {
            var t = SenseThreshold.Fold(bn, c);
            for (int x = -20; x <= 20; x++)
            {
                double y = bn.Gamma[c] * (x - bn.Mean[c]) / Math.Sqrt(bn.Variance[c] + (double)bn.Eps) + bn.Beta[c];
                Assert.Equal(y >= 0 ? 1f : -1f, t.Fire(x));
            }
        }
        Assert.True(SenseThreshold.Fold(bn, 1).Inverted);
    }

    [Fact]
    public void When_xnor_popcount_Expect_float_dot_product()
    {
        var r = new Random(5);
        var layer = new BinaryLinear("fc", 130, 7, Enumerable.Range(0, 910).Select(_ => r.Next(2) == 0 ? (sbyte)-1 : (sbyte)1).ToArray());
        var inputs = Enumerable.Range(0, 3 * 130).Select(_ => r.Next(2) == 0 ? -1f : 1f).ToArray();
        var outputs = new float[21];
        new XnorPopcount(layer).Compute(inputs, 3, outputs);
        for (int v = 0; v < 3; v++)
        {
            for (int c = 0; c < 7; c++)
            {
                float s = 0;
                for (int i = 0; i < 130; i++)
                {
                    s += inputs[v * 130 + i] * layer.Weight(i, c);
                }
                Assert.Equal(s, outputs[v * 7 + c]);
            }
        }
    }
}
