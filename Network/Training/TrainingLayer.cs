namespace Bmcnn.Network.Training;

/// <summary>
/// A layer of the training network. Activations are batches in NHWC order (sample, row, column, channel), float32.
/// Forward and Backward return buffers the layer owns (valid until its next call).
/// </summary>
internal abstract class TrainingLayer
{
    public abstract float[] Forward(float[] input, int batch, bool training);

    /// <summary>Takes dL/d(output); accumulates parameter gradients (overwriting) and returns dL/d(input) when asked.</summary>
    public abstract float[]? Backward(float[] gradOutput, int batch, bool inputGradient);

    public virtual IEnumerable<Parameter> Parameters => [];
}
