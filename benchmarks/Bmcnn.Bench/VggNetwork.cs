using Bmcnn.Circuit;
using Bmcnn.Network.Model;

namespace Bmcnn.Bench;

/// <summary>
/// The synthetic VGG-style binarized network the speed targets are stated for: 32×32×3 input, padded 3×3
/// convolutions 128-128-P-256-256-P-512-512-P (first layer analog pixels), then 8192→64→10 linear layers; about
/// 5.1 million binary weights and 0.61 G multiply-accumulates per image. Weights are random ±1 and each batch-norm
/// centres its sums, so that about half of the neurons fire (no layer collapses to a constant).
/// </summary>
public static class VggNetwork
{
    /// <summary>The model, drawn from <paramref name="seed"/>.</summary>
    public static BnnModel Create(ulong seed, int width = 128)
    {
        var random = RandomStream.For(seed, 0x766767, 0, 0);
        var layers = new List<ModelLayer>();
        int channels = 3;
        int[] plan = [width, width, -1, 2 * width, 2 * width, -1, 4 * width, 4 * width, -1];
        var pad = new ConvGeometry(3, 3, 1, 1, 1, 1);
        int index = 0;
        foreach (var step in plan)
        {
            if (step < 0)
            {
                layers.Add(new MaxPool($"conv{index}.pool", 2));
                continue;
            }
            index++;
            string name = $"conv{index}";
            layers.Add(new BinaryConv2d(name, channels, step, pad, Weights(9 * channels * step, ref random)));
            layers.Add(Norm($"{name}.bn", step, index == 1 ? 1.0 : Math.Sqrt(9.0 * channels), ref random));
            layers.Add(new SignActivation($"{name}.sign"));
            channels = step;
        }
        layers.Add(new Flatten("flatten"));
        int features = 16 * channels;
        layers.Add(new BinaryLinear("fc1", features, 64, Weights(features * 64, ref random)));
        layers.Add(Norm("fc1.bn", 64, Math.Sqrt(features), ref random));
        layers.Add(new SignActivation("fc1.sign"));
        layers.Add(new BinaryLinear("fc2", 64, 10, Weights(640, ref random)));
        layers.Add(Norm("fc2.bn", 10, 8, ref random));
        return new BnnModel("vgg-synthetic", new TensorShape(32, 32, 3), 8, layers);
    }

    /// <summary>Binary weights of the model.</summary>
    public static long WeightCount(BnnModel model) => model.Blocks.Sum(b => (long)b.Weighted.Rows * b.Weighted.Columns);

    /// <summary>Multiply-accumulates per image.</summary>
    public static long MacsPerImage(BnnModel model) =>
        model.Blocks.Sum(b => (long)b.Weighted.Rows * b.Weighted.Columns * b.Positions);

    /// <summary><paramref name="count"/> random 8-bit images of the model's input size.</summary>
    public static byte[] Images(BnnModel model, int count, ulong seed)
    {
        var random = RandomStream.For(seed, 0x1ACE5, 0, 0);
        var pixels = new byte[(long)count * model.Input.Size];
        for (long i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(random.NextDouble() * 256);
        }
        return pixels;
    }

    private static sbyte[] Weights(int n, ref RandomStream random)
    {
        var w = new sbyte[n];
        for (var i = 0; i < n; i++)
        {
            w[i] = random.NextDouble() < 0.5 ? (sbyte)-1 : (sbyte)1;
        }
        return w;
    }

    private static BatchNorm Norm(string name, int n, double spread, ref RandomStream random)
    {
        float[] gamma = new float[n], beta = new float[n], mean = new float[n], variance = new float[n];
        for (var c = 0; c < n; c++)
        {
            gamma[c] = (float)(0.5 + random.NextDouble());
            beta[c] = (float)(0.1 * random.NextGaussian());
            mean[c] = (float)(0.2 * spread * random.NextGaussian());
            variance[c] = (float)(spread * spread);
        }
        return new BatchNorm(name, n, 1e-5f, gamma, beta, mean, variance);
    }
}
