using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>Non-overlapping max-pooling over Size×Size windows (stride Size; a ragged edge is dropped).</summary>
public sealed class MaxPool : ModelLayer
{
    /// <summary>Creates the layer.</summary>
    public MaxPool(string name, int size) : base(name)
    {
        if (size < 1)
        {
            throw new BmcnnException($"layer {name}: pool size must be at least 1, got {size}");
        }
        Size = size;
    }

    /// <summary>Window side.</summary>
    public int Size { get; }

    /// <inheritdoc />
    public override string Type => "maxpool";

    /// <inheritdoc />
    public override TensorShape OutputShape(TensorShape input)
    {
        if (input.Flat || input.Height < Size || input.Width < Size)
        {
            throw new BmcnnException($"layer {Name}: cannot pool {input} by {Size}");
        }
        return new TensorShape(input.Height / Size, input.Width / Size, input.Channels);
    }
}
