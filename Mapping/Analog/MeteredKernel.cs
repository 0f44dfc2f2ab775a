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
        if (meter.RecordImages)
        {
            // Per-vector powers, so each image's energy is known.
            var power = ArrayPool<double>.Shared.Rent(count * LayerPowerForms.Components);
            forms.Evaluate(inputs, count, power);
            meter.Add(layer, power, count, positions);
            ArrayPool<double>.Shared.Return(power);
        }
        else
        {
            // Totals only: the second moment of the inputs, contracted with the forms when the report is made.
            meter.Attach(layer, forms);
            forms.Accumulate(inputs, count);
            meter.CountImages(layer, count / positions);
        }
        inner.Compute(inputs, count, outputs);
    }
}
