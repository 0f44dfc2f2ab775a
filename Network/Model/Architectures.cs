using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>The named architectures <c>bmcnn train --arch</c> knows, with all weights +1 and identity batch-norm.</summary>
public static class Architectures
{
    /// <summary>Architecture names.</summary>
    public static readonly string[] Names = ["lenet", "mlp", "vgg-small"];

    /// <summary>
    /// Builds an architecture by name for images of <paramref name="input"/> (default 28×28×1).
    /// <paramref name="widths"/> overrides the layer widths (lenet: conv1 channels, conv2 channels, fc1 outputs, default
    /// 32, 64, 512; mlp: the hidden layers, default 512, 512; vgg-small: channels of the first and second conv pair and
    /// fc1 outputs, default 32, 64, 256).
    /// </summary>
    public static BnnModel Create(string name, IReadOnlyList<int>? widths = null, int inputBits = 8, TensorShape? input = null) => name switch
    {
        "lenet" => Lenet(widths, inputBits, input),
        "mlp" => Mlp(widths, inputBits, input),
        "vgg-small" => VggSmall(widths, inputBits, input),
        _ => throw new BmcnnException($"unknown architecture '{name}' (known: {string.Join(", ", Names)})"),
    };

    /// <summary>
    /// flatten; per hidden width h: linear → h, BN, sign; then linear → 10, BN; argmax. Default widths 512, 512.
    /// </summary>
    public static BnnModel Mlp(IReadOnlyList<int>? widths = null, int inputBits = 8, TensorShape? input = null)
    {
        widths ??= [512, 512];
        var shape = input ?? new TensorShape(28, 28, 1);
        if (widths.Count < 1 || widths.Any(w => w <= 0))
        {
            throw new BmcnnException("mlp widths must be one or more positive numbers (the hidden layers)");
        }
        var layers = new List<ModelLayer> { new Flatten("flatten") };
        int features = shape.Size;
        for (int i = 0; i < widths.Count; i++)
        {
            string name = $"fc{i + 1}";
            layers.Add(new BinaryLinear(name, features, widths[i]));
            layers.Add(new BatchNorm(name + ".bn", widths[i]));
            layers.Add(new SignActivation(name + ".sign"));
            features = widths[i];
        }
        string last = $"fc{widths.Count + 1}";
        layers.Add(new BinaryLinear(last, features, 10));
        layers.Add(new BatchNorm(last + ".bn", 10));
        return new BnnModel("mlp", shape, inputBits, layers);
    }

    /// <summary>
    /// Two pairs of 3×3 convolutions with zero padding 1 (c1, c1, max-pool 2; c2, c2, max-pool 2), each with BN and
    /// sign; flatten; fc1 → f1, BN, sign; fc2 → 10, BN; argmax. Default widths 32, 64, 256. Needs height and width
    /// divisible by 4.
    /// </summary>
    public static BnnModel VggSmall(IReadOnlyList<int>? widths = null, int inputBits = 8, TensorShape? input = null)
    {
        widths ??= [32, 64, 256];
        var shape = input ?? new TensorShape(28, 28, 1);
        if (widths.Count != 3 || widths.Any(w => w <= 0))
        {
            throw new BmcnnException("vgg-small widths must be three positive numbers: conv1/conv2 channels, conv3/conv4 channels, fc1");
        }
        if (shape.Height % 4 != 0 || shape.Width % 4 != 0)
        {
            throw new BmcnnException($"vgg-small needs image sides divisible by 4, got {shape.Height}×{shape.Width}");
        }
        int c1 = widths[0], c2 = widths[1], f1 = widths[2];
        var same = new ConvGeometry(3, 3, 1, 1, 1, 1);
        var layers = new List<ModelLayer>();
        void Conv(string name, int cin, int cout, bool pool)
        {
            layers.Add(new BinaryConv2d(name, cin, cout, same));
            layers.Add(new BatchNorm(name + ".bn", cout));
            layers.Add(new SignActivation(name + ".sign"));
            if (pool)
            {
                layers.Add(new MaxPool(name + ".pool", 2));
            }
        }
        Conv("conv1", shape.Channels, c1, false);
        Conv("conv2", c1, c1, true);
        Conv("conv3", c1, c2, false);
        Conv("conv4", c2, c2, true);
        layers.Add(new Flatten("flatten"));
        layers.Add(new BinaryLinear("fc1", shape.Height / 4 * (shape.Width / 4) * c2, f1));
        layers.Add(new BatchNorm("fc1.bn", f1));
        layers.Add(new SignActivation("fc1.sign"));
        layers.Add(new BinaryLinear("fc2", f1, 10));
        layers.Add(new BatchNorm("fc2.bn", 10));
        return new BnnModel("vgg-small", shape, inputBits, layers);
    }

    /// <summary>
    /// conv1 5×5 1→c1, BN, sign, max-pool 2; conv2 5×5 c1→c2, BN, sign, max-pool 2; flatten; fc1 (4·4·c2)→f1, BN,
    /// sign; fc2 f1→10, BN; argmax. With the defaults and 28×28 images fc1 has 1024 inputs.
    /// </summary>
    public static BnnModel Lenet(IReadOnlyList<int>? widths = null, int inputBits = 8, TensorShape? input = null)
    {
        widths ??= [32, 64, 512];
        var shape = input ?? new TensorShape(28, 28, 1);
        int Side(int n) => ((n - 4) / 2 - 4) / 2;
        if (Side(shape.Height) < 1 || Side(shape.Width) < 1)
        {
            throw new BmcnnException($"lenet needs images of at least 16×16, got {shape.Height}×{shape.Width}");
        }
        if (widths.Count != 3 || widths.Any(w => w <= 0))
        {
            throw new BmcnnException("lenet widths must be three positive numbers: conv1,conv2,fc1");
        }
        int c1 = widths[0], c2 = widths[1], f1 = widths[2];
        var layers = new List<ModelLayer>
        {
            new BinaryConv2d("conv1", shape.Channels, c1, 5), new BatchNorm("conv1.bn", c1), new SignActivation("conv1.sign"),
            new MaxPool("conv1.pool", 2),
            new BinaryConv2d("conv2", c1, c2, 5), new BatchNorm("conv2.bn", c2), new SignActivation("conv2.sign"),
            new MaxPool("conv2.pool", 2), new Flatten("flatten"),
            new BinaryLinear("fc1", Side(shape.Height) * Side(shape.Width) * c2, f1), new BatchNorm("fc1.bn", f1), new SignActivation("fc1.sign"),
            new BinaryLinear("fc2", f1, 10), new BatchNorm("fc2.bn", 10),
        };
        return new BnnModel("lenet", shape, inputBits, layers);
    }
}
