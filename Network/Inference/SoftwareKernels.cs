using Bmcnn.Network.Model;

namespace Bmcnn.Network.Inference;

/// <summary>The exact digital network: float GEMM for the analog first layer, XNOR/popcount for ±1 layers.</summary>
public sealed class SoftwareKernels : IWeightedSumFactory
{
    /// <inheritdoc />
    public string Mode => "software";

    /// <inheritdoc />
    public IWeightedSum Create(LayerBlock block) =>
        block.Index == 0 ? new AnalogDotProduct(block.Weighted) : new XnorPopcount(block.Weighted);
}
