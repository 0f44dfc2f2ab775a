using System.Buffers;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Analog;

/// <summary>A layer kernel whose reads are metered: the array power of every input vector goes to an <see cref="EnergyMeter"/>.</summary>
public sealed class MeteredKernel(IWeightedSum inner, LayerPowerForms forms, EnergyMeter meter, int layer, int positions) : IWeightedSum
{
    /// <inheritdoc />
    public WeightedLayer Layer => inner.Layer;

    /// <inheritdoc />
    public void Compute(float[] inputs, int count, float[] outputs)
    {
        var power = ArrayPool<double>.Shared.Rent(count * LayerPowerForms.Components);
        forms.Evaluate(inputs, count, power);
        meter.Add(layer, power, count, positions);
        ArrayPool<double>.Shared.Return(power);
        inner.Compute(inputs, count, outputs);
    }
}
