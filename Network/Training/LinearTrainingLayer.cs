using Bmcnn.Circuit;
using Bmcnn.Network.Numerics;

namespace Bmcnn.Network.Training;

/// <summary>Binarized fully connected layer: Y[batch × out] = X·Wᵀ with W stored [out × in].</summary>
internal sealed class LinearTrainingLayer : TrainingLayer
{
    private readonly int _in, _out, _threads;
    private readonly float[] _output, _gradInput;
    private float[] _input = [];

    public LinearTrainingLayer(string name, int inFeatures, int outFeatures, int maxBatch, int threads, ref RandomStream init)
    {
        _in = inFeatures;
        _out = outFeatures;
        _threads = threads;
        Weights = new BinaryWeights(name, outFeatures, inFeatures, ref init);
        _output = new float[maxBatch * outFeatures];
        _gradInput = new float[maxBatch * inFeatures];
    }

    public BinaryWeights Weights { get; }

    public override IEnumerable<Parameter> Parameters => [Weights.Latent];

    public override float[] Forward(float[] input, int batch, bool training)
    {
        _input = input;
        Weights.Binarize(training);
        Sgemm.Multiply(false, true, batch, _out, _in, input, 0, _in, Weights.Effective, 0, _in, _output, 0, _out, false, _threads);
        return _output;
    }

    public override float[]? Backward(float[] gradOutput, int batch, bool inputGradient)
    {
        Sgemm.Multiply(true, false, _out, _in, batch, gradOutput, 0, _out, _input, 0, _in, Weights.Latent.Grad, 0, _in, false, _threads);
        if (!inputGradient)
        {
            return null;
        }
        Sgemm.Multiply(false, false, batch, _in, _out, gradOutput, 0, _out, Weights.Effective, 0, _in, _gradInput, 0, _in, false, _threads);
        return _gradInput;
    }
}
