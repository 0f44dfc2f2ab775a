namespace Bmcnn.Network.Model;

/// <summary>The binarizing activation: +1 when x ≥ 0, else −1.</summary>
public sealed class SignActivation(string name = "sign") : ModelLayer(name)
{
    /// <inheritdoc />
    public override string Type => "sign";

    /// <inheritdoc />
    public override TensorShape OutputShape(TensorShape input) => input;
}
