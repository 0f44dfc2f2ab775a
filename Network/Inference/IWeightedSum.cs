using Bmcnn.Network.Model;

namespace Bmcnn.Network.Inference;

/// <summary>
/// THE SEAM between the network and the hardware model: computes one binarized layer's weighted sums (what a
/// crossbar computes as column currents) for a batch of unrolled input vectors. A conv layer's vectors are its
/// patches (length <see cref="WeightedLayer.Rows"/> = kernel·kernel·in-channels, ordered (ky, kx, channel)), one per
/// output position; a linear layer's vectors are its input features. The first layer (<see cref="LayerBlock.Index"/>
/// 0) receives pixel values in [0, 1] (after the model's input quantization); every later layer receives ±1.
/// The <see cref="InferencePipeline"/> does everything else: unrolling, the folded batch-norm/sign threshold
/// (<see cref="SenseThreshold"/>), max-pooling and the final argmax, all in the digital periphery.
/// Implementations must be safe to call from several threads at once (each call gets its own buffers).
/// </summary>
public interface IWeightedSum
{
    /// <summary>The layer whose sums this computes.</summary>
    WeightedLayer Layer { get; }

    /// <summary>
    /// Reads <paramref name="count"/> input vectors of <see cref="WeightedLayer.Rows"/> floats from
    /// <paramref name="inputs"/> (row-major, from index 0) and writes <paramref name="count"/> vectors of
    /// <see cref="WeightedLayer.Columns"/> pre-activations (Σ input·weight, in units of one ideal ±1 weight) to
    /// <paramref name="outputs"/>.
    /// </summary>
    void Compute(float[] inputs, int count, float[] outputs);
}
