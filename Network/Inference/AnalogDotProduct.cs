using Bmcnn.Network.Model;
using Bmcnn.Network.Numerics;

namespace Bmcnn.Network.Inference;

/// <summary>Software weighted sum as a float32 GEMM: exact for real-valued inputs (the first layer's pixels) against ±1,
/// and the host's computation of a digital (float-weight) layer.</summary>
public sealed class AnalogDotProduct : IWeightedSum
{
    private readonly float[] _weights;

    /// <summary>Creates the kernel for a layer.</summary>
    public AnalogDotProduct(WeightedLayer layer)
    {
        Layer = layer;
        _weights = layer.Values;
    }

    /// <inheritdoc />
    public WeightedLayer Layer { get; }

    /// <inheritdoc />
    public void Compute(float[] inputs, int count, float[] outputs) =>
        Sgemm.Multiply(false, true, count, Layer.Columns, Layer.Rows, inputs, 0, Layer.Rows, _weights, 0, Layer.Rows,
            outputs, 0, Layer.Columns, false, 1);
}
