using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Analog;

/// <summary>Wraps any kernel factory so every layer's reads are metered with that layer's power forms.</summary>
public sealed class MeteredKernels(IWeightedSumFactory inner, IReadOnlyList<LayerPowerForms> forms, EnergyMeter meter) : IWeightedSumFactory
{
    /// <inheritdoc />
    public string Mode => inner.Mode;

    /// <inheritdoc />
    public IWeightedSum Create(LayerBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return new MeteredKernel(inner.Create(block), forms[block.Index], meter, block.Index, block.Positions);
    }
}
