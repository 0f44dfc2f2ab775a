using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>A binarized fully connected layer: rows are input features, columns are outputs.</summary>
public sealed class BinaryLinear : WeightedLayer
{
    /// <summary>Creates the layer; weights default to +1.</summary>
    public BinaryLinear(string name, int inFeatures, int outFeatures, sbyte[]? weights = null)
        : base(name, inFeatures, outFeatures, weights)
    {
    }

    /// <summary>Creates a digital (float-weight) layer, computed by the host rather than on crossbars.</summary>
    public BinaryLinear(string name, int inFeatures, int outFeatures, float[] values)
        : base(name, inFeatures, outFeatures, values)
    {
    }

    /// <inheritdoc />
    public override string Type => "linear";

    /// <inheritdoc />
    public override TensorShape OutputShape(TensorShape input)
    {
        if (!input.Flat || input.Size != Rows)
        {
            throw new BmcnnException($"layer {Name}: expects {Rows} flat input features, got {input}");
        }
        return new TensorShape(1, 1, Columns, true);
    }
}
