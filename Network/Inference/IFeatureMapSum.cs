using Bmcnn.Network.Model;

namespace Bmcnn.Network.Inference;

/// <summary>
/// A convolution kernel that reads the layer's input maps directly instead of unrolled patch vectors, so that the
/// <see cref="InferencePipeline"/> can skip unrolling (a fast path; the sums are those of
/// <see cref="IWeightedSum.Compute"/> on the unrolled patches, bit for bit).
/// </summary>
public interface IFeatureMapSum : IWeightedSum
{
    /// <summary>
    /// Reads <paramref name="images"/> NHWC maps of <paramref name="shape"/> (±1 values) from <paramref name="maps"/>
    /// and writes the sums of every output position, image after image and position after position (the order of
    /// <see cref="InferencePipeline.Unroll(float[], int, TensorShape, ConvGeometry, float[])"/>), each
    /// <see cref="WeightedLayer.Columns"/> long, to <paramref name="outputs"/>.
    /// </summary>
    void ComputeMaps(float[] maps, int images, TensorShape shape, float[] outputs);
}
