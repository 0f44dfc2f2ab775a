namespace Bmcnn.Network.Model;

/// <summary>Turns an H×W×C map into a flat vector of H·W·C features in (row, column, channel) order.</summary>
public sealed class Flatten(string name = "flatten") : ModelLayer(name)
{
    /// <inheritdoc />
    public override string Type => "flatten";

    /// <inheritdoc />
    public override TensorShape OutputShape(TensorShape input) => new(1, 1, input.Size, true);
}
