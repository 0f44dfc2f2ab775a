using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>
/// A binarized CNN: input geometry, the layer list, and free-form metadata (how it was trained, its accuracy).
/// The layers must group into <see cref="LayerBlock"/>s: weighted, batch-norm, sign [, max-pool] [, flatten] for each
/// hidden block, and weighted, batch-norm for the last block (argmax of its output is the prediction).
/// </summary>
public sealed class BnnModel
{
    /// <summary>Creates and validates a model.</summary>
    /// <exception cref="BmcnnException">When the layers do not chain or do not group into blocks.</exception>
    public BnnModel(string arch, TensorShape input, int inputBits, IReadOnlyList<ModelLayer> layers,
        IDictionary<string, string>? metadata = null)
    {
        if (inputBits < 1 || inputBits > 8)
        {
            throw new BmcnnException($"model: input bits must be 1-8, got {inputBits}");
        }
        Arch = arch;
        Input = input;
        InputBits = inputBits;
        Layers = layers;
        Metadata = new SortedDictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        Blocks = Group(input, layers);
    }

    /// <summary>Architecture name (for example "lenet").</summary>
    public string Arch { get; }

    /// <summary>Shape of one input image.</summary>
    public TensorShape Input { get; }

    /// <summary>Bits of the first layer's input DAC: a pixel p in [0, 1] becomes round(p·(2^bits − 1))/(2^bits − 1).
    /// 8 keeps MNIST's 8-bit pixels exactly.</summary>
    public int InputBits { get; }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<ModelLayer> Layers { get; }

    /// <summary>Free-form key/value metadata stored with the model.</summary>
    public SortedDictionary<string, string> Metadata { get; }

    /// <summary>The layers grouped into weighted blocks.</summary>
    public IReadOnlyList<LayerBlock> Blocks { get; }

    /// <summary>Number of classes (outputs of the last block).</summary>
    public int Classes => Blocks[^1].Weighted.Columns;

    /// <summary>The weighted layer of that name.</summary>
    /// <exception cref="BmcnnException">When there is none.</exception>
    public WeightedLayer Layer(string name) =>
        Blocks.Select(b => b.Weighted).FirstOrDefault(w => w.Name == name)
        ?? throw new BmcnnException($"model has no weighted layer '{name}' (has {string.Join(", ", Blocks.Select(b => b.Weighted.Name))})");

    /// <summary>Converts 8-bit pixels to the first layer's input values, applying the input quantization.</summary>
    public float[] PixelLevels()
    {
        var table = new float[256];
        int levels = (1 << InputBits) - 1;
        for (int p = 0; p < 256; p++)
        {
            table[p] = InputBits == 8 ? p / 255f : (float)(Math.Round(p / 255.0 * levels) / levels);
        }
        return table;
    }

    private static List<LayerBlock> Group(TensorShape input, IReadOnlyList<ModelLayer> layers)
    {
        var blocks = new List<LayerBlock>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var shape = input;
        int i = 0;
        while (i < layers.Count)
        {
            if (layers[i] is Flatten f)
            {
                shape = f.OutputShape(shape);
                i++;
                continue;
            }
            if (layers[i] is not WeightedLayer weighted)
            {
                throw new BmcnnException($"model: layer {i} ({layers[i].Type} '{layers[i].Name}') must follow a weighted layer's batch-norm");
            }
            if (!names.Add(weighted.Name))
            {
                throw new BmcnnException($"model: duplicate layer name '{weighted.Name}'");
            }
            var inShape = shape;
            var outShape = weighted.OutputShape(shape);
            if (i + 1 >= layers.Count || layers[i + 1] is not BatchNorm norm)
            {
                throw new BmcnnException($"model: layer '{weighted.Name}' must be followed by a batchnorm");
            }
            norm.OutputShape(outShape);
            i += 2;
            bool sign = false;
            MaxPool? pool = null;
            bool flatten = false;
            if (i < layers.Count && layers[i] is SignActivation)
            {
                sign = true;
                i++;
                if (i < layers.Count && layers[i] is MaxPool p)
                {
                    pool = p;
                    i++;
                }
                if (i < layers.Count && layers[i] is Flatten)
                {
                    flatten = true;
                    i++;
                }
            }
            var block = new LayerBlock(blocks.Count, weighted, norm, sign, pool, flatten, inShape, outShape);
            shape = block.Result;
            blocks.Add(block);
            if (!sign && i < layers.Count)
            {
                throw new BmcnnException($"model: layer '{weighted.Name}' has no sign activation but is not the last layer");
            }
            if (sign && i >= layers.Count)
            {
                throw new BmcnnException($"model: the last weighted layer '{weighted.Name}' must end in batchnorm (argmax), not sign");
            }
        }
        if (blocks.Count == 0)
        {
            throw new BmcnnException("model: no weighted layers");
        }
        return blocks;
    }
}
