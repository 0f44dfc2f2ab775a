using Bmcnn.Network.Model;

namespace Bmcnn.Network.Inference;

/// <summary>
/// The exact digital network: float GEMM for the analog first layer and digital layers, XNOR/popcount for ±1 layers
/// (convolutions straight from bit-packed maps, <see cref="PackedConvolution"/>; <see cref="ReferenceKernels"/> is
/// the straightforward version with the same sums).
/// </summary>
public sealed class SoftwareKernels : IWeightedSumFactory
{
    /// <inheritdoc />
    public string Mode => "software";

    /// <inheritdoc />
    public IWeightedSum Create(LayerBlock block) => For(block);

    /// <summary>The software kernel of a block: also what the hardware modes use for a digital (host-computed) layer.</summary>
    public static IWeightedSum For(LayerBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return block.Weighted switch
        {
            _ when block.Index == 0 || block.Weighted.Digital => new AnalogDotProduct(block.Weighted),
            BinaryConv2d conv => new PackedConvolution(conv),
            var layer => new XnorPopcount(layer),
        };
    }
}
