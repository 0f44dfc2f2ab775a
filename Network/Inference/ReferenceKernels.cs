using Bmcnn.Network.Model;

namespace Bmcnn.Network.Inference;

/// <summary>
/// The straightforward software network: every convolution is unrolled into float patch vectors, and each vector is
/// packed and summed on its own (<see cref="XnorPopcount"/>). The same numbers as <see cref="SoftwareKernels"/>; kept
/// as the reference its fast paths are tested and timed against.
/// </summary>
public sealed class ReferenceKernels : IWeightedSumFactory
{
    /// <inheritdoc />
    public string Mode => "software";

    /// <inheritdoc />
    public IWeightedSum Create(LayerBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return block.Index == 0 || block.Weighted.Digital ? new AnalogDotProduct(block.Weighted) : new XnorPopcount(block.Weighted);
    }
}
