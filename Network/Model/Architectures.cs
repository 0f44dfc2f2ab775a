using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>The named architectures <c>bmcnn train --arch</c> knows, with all weights +1 and identity batch-norm.</summary>
public static class Architectures
{
    /// <summary>Architecture names.</summary>
    public static readonly string[] Names = ["lenet"];

    /// <summary>
    /// Builds an architecture by name. <paramref name="widths"/> overrides the layer widths (lenet: conv1 channels,
    /// conv2 channels, fc1 outputs; default 32, 64, 512).
    /// </summary>
    public static BnnModel Create(string name, IReadOnlyList<int>? widths = null, int inputBits = 8) => name switch
    {
        "lenet" => Lenet(widths, inputBits),
        _ => throw new BmcnnException($"unknown architecture '{name}' (known: {string.Join(", ", Names)})"),
    };

    /// <summary>
    /// conv1 5×5 1→c1, BN, sign, max-pool 2; conv2 5×5 c1→c2, BN, sign, max-pool 2; flatten; fc1 (4·4·c2)→f1, BN,
    /// sign; fc2 f1→10, BN; argmax. With the defaults fc1 has 1024 inputs.
    /// </summary>
    public static BnnModel Lenet(IReadOnlyList<int>? widths = null, int inputBits = 8)
    {
        widths ??= [32, 64, 512];
        if (widths.Count != 3 || widths.Any(w => w <= 0))
        {
            throw new BmcnnException("lenet widths must be three positive numbers: conv1,conv2,fc1");
        }
        int c1 = widths[0], c2 = widths[1], f1 = widths[2];
        var layers = new List<ModelLayer>
        {
            new BinaryConv2d("conv1", 1, c1, 5), new BatchNorm("conv1.bn", c1), new SignActivation("conv1.sign"),
            new MaxPool("conv1.pool", 2),
            new BinaryConv2d("conv2", c1, c2, 5), new BatchNorm("conv2.bn", c2), new SignActivation("conv2.sign"),
            new MaxPool("conv2.pool", 2), new Flatten("flatten"),
            new BinaryLinear("fc1", 4 * 4 * c2, f1), new BatchNorm("fc1.bn", f1), new SignActivation("fc1.sign"),
            new BinaryLinear("fc2", f1, 10), new BatchNorm("fc2.bn", 10),
        };
        return new BnnModel("lenet", new TensorShape(28, 28, 1), inputBits, layers);
    }
}
