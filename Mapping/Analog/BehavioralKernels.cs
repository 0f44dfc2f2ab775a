using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Analog;

/// <summary>Behavioral mode: each layer's currents are ideal Kirchhoff sums over its programmed devices (no wires).</summary>
public sealed class BehavioralKernels(MappedNetwork network) : IWeightedSumFactory
{
    /// <inheritdoc />
    public string Mode => "behavioral";

    /// <inheritdoc />
    public IWeightedSum Create(LayerBlock block)
    {
        var layer = network.ForBlock(block.Index);
        if (layer is null)
        {
            return SoftwareKernels.For(block);
        }
        return new CrossbarKernel(layer, layer.NeuronConductances(), network.Spec, network.Seed);
    }
}
