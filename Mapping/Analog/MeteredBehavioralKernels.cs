using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Analog;

/// <summary>Behavioral mode with every read's array power (Σ V²·G, no wires) metered into an <see cref="EnergyMeter"/>.</summary>
public sealed class MeteredBehavioralKernels(MappedNetwork network, EnergyMeter meter) : IWeightedSumFactory
{
    private readonly BehavioralKernels _inner = new(network);

    /// <inheritdoc />
    public string Mode => _inner.Mode;

    /// <inheritdoc />
    public IWeightedSum Create(LayerBlock block)
    {
        var layer = network.Layers[block.Index];
        return new MeteredKernel(_inner.Create(block), LayerPowerForms.Behavioral(layer, network.Spec), meter, layer.Index,
            block.Positions);
    }
}
