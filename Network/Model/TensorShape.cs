namespace Bmcnn.Network.Model;

/// <summary>The shape of one sample's activations, stored height-major then width then channel (NHWC without N).
/// A flat vector of F features is (1, 1, F) with <see cref="Flat"/> set.</summary>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
/// <param name="Channels">Channels (features for a flat vector).</param>
/// <param name="Flat">True after a flatten or a linear layer.</param>
public readonly record struct TensorShape(int Height, int Width, int Channels, bool Flat = false)
{
    /// <summary>Elements per sample.</summary>
    public int Size => Height * Width * Channels;

    /// <inheritdoc />
    public override string ToString() => Flat ? $"{Channels}" : $"{Height}×{Width}×{Channels}";
}
