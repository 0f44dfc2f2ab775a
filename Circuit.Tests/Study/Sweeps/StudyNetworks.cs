using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Network.Data;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Tests.Study.Sweeps;

/// <summary>
/// A small random lenet-shaped BNN with batch-norm matched to its sums, and MNIST-sized images of blurred random
/// blobs labelled by the software network itself: accuracy on them is agreement with the exact digital network.
/// </summary>
internal static class StudyNetworks
{
    public static BnnModel Lenet(ulong seed, int c1 = 4, int c2 = 8, int f1 = 24)
    {
        var random = new RandomStream(seed);
        var layers = new List<ModelLayer>
        {
            new BinaryConv2d("conv1", 1, c1, 5, Weights(25 * c1, ref random)), Norm("conv1.bn", c1, 4.0, ref random),
            new SignActivation("conv1.sign"), new MaxPool("conv1.pool", 2),
            new BinaryConv2d("conv2", c1, c2, 5, Weights(25 * c1 * c2, ref random)), Norm("conv2.bn", c2, Math.Sqrt(25.0 * c1), ref random),
            new SignActivation("conv2.sign"), new MaxPool("conv2.pool", 2), new Flatten("flatten"),
            new BinaryLinear("fc1", 16 * c2, f1, Weights(16 * c2 * f1, ref random)), Norm("fc1.bn", f1, Math.Sqrt(16.0 * c2), ref random),
            new SignActivation("fc1.sign"),
            new BinaryLinear("fc2", f1, 10, Weights(f1 * 10, ref random)), Norm("fc2.bn", 10, Math.Sqrt(f1), ref random),
        };
        return new BnnModel("lenet", new TensorShape(28, 28, 1), 8, layers);
    }

    /// <summary>Images of smooth random blobs, labelled with the software network's predictions.</summary>
    public static MnistSet Images(BnnModel model, int count, ulong seed)
    {
        var random = new RandomStream(seed);
        var pixels = new byte[count * 784];
        for (var n = 0; n < count; n++)
        {
            for (var blob = 0; blob < 4; blob++)
            {
                double cx = 4 + 20 * random.NextDouble(), cy = 4 + 20 * random.NextDouble(), r = 2 + 4 * random.NextDouble();
                for (var y = 0; y < 28; y++)
                {
                    for (var x = 0; x < 28; x++)
                    {
                        var v = 255 * Math.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * r * r));
                        var i = n * 784 + y * 28 + x;
                        pixels[i] = (byte)Math.Min(255, pixels[i] + v);
                    }
                }
            }
        }
        var predictions = InferencePipeline.Software(model, 1).Predict(pixels, count);
        return new MnistSet(pixels, predictions.Select(p => (byte)p).ToArray(), count, 28, 28, "blobs");
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
            gamma[c] = (float)((random.NextDouble() < 0.3 ? -1 : 1) * (0.5 + random.NextDouble()));
            beta[c] = (float)(0.3 * random.NextGaussian());
            mean[c] = (float)(0.5 * spread * random.NextGaussian());
            variance[c] = (float)(spread * spread * (0.5 + random.NextDouble()));
        }
        return new BatchNorm(name, n, 1e-5f, gamma, beta, mean, variance);
    }
}
