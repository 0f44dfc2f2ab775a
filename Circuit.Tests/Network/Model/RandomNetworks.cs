using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Network.Data;
using Bmcnn.Network.Model;

namespace Bmcnn.Tests.Network.Model;

/// <summary>Random lenet-shaped networks with non-trivial batch-norm (both signs of γ) and the MNIST test set.</summary>
internal static class RandomNetworks
{
    private static readonly Lazy<MnistSet?> Test = new(() =>
    {
        foreach (var folder in new[] { Environment.GetEnvironmentVariable("BMCNN_DATA"), "/work/shared/data/mnist", "../shared/data/mnist" })
        {
            if (!string.IsNullOrEmpty(folder) && File.Exists(Path.Combine(folder, "t10k-images-idx3-ubyte.gz")))
            {
                return MnistFolder.LoadTest(folder);
            }
        }
        return null;
    });

    /// <summary>The MNIST test set, or null when it is not on this machine.</summary>
    public static MnistSet? MnistTest => Test.Value;

    /// <summary>A lenet with random ±1 weights and batch-norm statistics matched to the weighted sums' spread.</summary>
    public static BnnModel Lenet(ulong seed, int c1 = 8, int c2 = 16, int f1 = 32)
    {
        var random = new RandomStream(seed);
        var layers = new List<ModelLayer>
        {
            Conv("conv1", 1, c1, ref random), Norm("conv1.bn", c1, 2.0, ref random), new SignActivation("conv1.sign"),
            new MaxPool("conv1.pool", 2),
            Conv("conv2", c1, c2, ref random), Norm("conv2.bn", c2, Math.Sqrt(25.0 * c1), ref random), new SignActivation("conv2.sign"),
            new MaxPool("conv2.pool", 2), new Flatten("flatten"),
            Linear("fc1", 16 * c2, f1, ref random), Norm("fc1.bn", f1, Math.Sqrt(16.0 * c2), ref random), new SignActivation("fc1.sign"),
            Linear("fc2", f1, 10, ref random), Norm("fc2.bn", 10, Math.Sqrt(f1), ref random),
        };
        return new BnnModel("lenet", new TensorShape(28, 28, 1), 8, layers);
    }

    /// <summary>
    /// A network of version 2 shapes: a padded 3×3 convolution, an overlapping 3×3 stride-2 pool, a padded stride-2
    /// 3×2 convolution, and two linear layers; with <paramref name="hybrid"/> the first and last layers are digital
    /// (float weights, computed by the host).
    /// </summary>
    public static BnnModel Padded(ulong seed, bool hybrid = false, int c1 = 6, int c2 = 8, int f1 = 24)
    {
        var random = new RandomStream(seed);
        var g1 = new ConvGeometry(3, 3, 1, 1, 1, 1);
        var g2 = new ConvGeometry(3, 2, 2, 2, 1, 1);
        BinaryConv2d conv1 = hybrid
            ? new BinaryConv2d("conv1", 1, c1, g1, Floats(9 * c1, ref random))
            : new BinaryConv2d("conv1", 1, c1, g1, Weights(9 * c1, ref random));
        var fc2 = hybrid ? new BinaryLinear("fc2", f1, 10, Floats(f1 * 10, ref random)) : Linear("fc2", f1, 10, ref random);
        var layers = new List<ModelLayer>
        {
            conv1, Norm("conv1.bn", c1, 1.5, ref random), new SignActivation("conv1.sign"),
            new MaxPool("conv1.pool", new ConvGeometry(3, 3, 2, 2)),
            new BinaryConv2d("conv2", c1, c2, g2, Weights(6 * c1 * c2, ref random)), Norm("conv2.bn", c2, Math.Sqrt(6.0 * c1), ref random),
            new SignActivation("conv2.sign"), new Flatten("flatten"),
            Linear("fc1", 49 * c2, f1, ref random), Norm("fc1.bn", f1, Math.Sqrt(49.0 * c2), ref random), new SignActivation("fc1.sign"),
            fc2, Norm("fc2.bn", 10, Math.Sqrt(f1), ref random),
        };
        return new BnnModel("padded", new TensorShape(28, 28, 1), 8, layers);
    }

    private static float[] Floats(int n, ref RandomStream random)
    {
        var w = new float[n];
        for (var i = 0; i < n; i++) w[i] = (float)random.NextGaussian();
        return w;
    }

    private static sbyte[] Weights(int n, ref RandomStream random)
    {
        var w = new sbyte[n];
        for (var i = 0; i < n; i++) w[i] = random.NextDouble() < 0.5 ? (sbyte)-1 : (sbyte)1;
        return w;
    }

    private static BinaryConv2d Conv(string name, int cin, int cout, ref RandomStream random) =>
        new(name, cin, cout, 5, Weights(25 * cin * cout, ref random));

    private static BinaryLinear Linear(string name, int fin, int fout, ref RandomStream random) =>
        new(name, fin, fout, Weights(fin * fout, ref random));

    private static BatchNorm Norm(string name, int n, double spread, ref RandomStream random)
    {
        float[] gamma = new float[n], beta = new float[n], mean = new float[n], variance = new float[n];
        for (var c = 0; c < n; c++)
        {
            gamma[c] = (float)((random.NextDouble() < 0.3 ? -1 : 1) * (0.5 + random.NextDouble()));
            beta[c] = (float)(0.3 * random.NextGaussian());
            mean[c] = (float)(0.5 * spread * random.NextGaussian());
            variance[c] = (float)(spread * spread * (0.5 + random.NextDouble()));
        }
        return new BatchNorm(name, n, 1e-5f, gamma, beta, mean, variance);
    }
}
