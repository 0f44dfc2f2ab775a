using System.Runtime.Intrinsics;

namespace Bmcnn.Network.Training;

/// <summary>Sign activation (+1 for x ≥ 0) with the hard-tanh straight-through estimator: dL/dx = dL/dy where |x| ≤ 1.</summary>
internal sealed class SignTrainingLayer(int perSample, int maxBatch) : TrainingLayer
{
    private readonly float[] _output = new float[perSample * maxBatch];
    private readonly float[] _gradInput = new float[perSample * maxBatch];
    private float[] _input = [];

    public override float[] Forward(float[] input, int batch, bool training)
    {
        _input = input;
        int n = batch * perSample;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var one = Vector512.Create(1f);
            var minus = Vector512.Create(-1f);
            for (; i + 16 <= n; i += 16)
            {
                var x = Vector512.Create(input, i);
                Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), one, minus).CopyTo(_output, i);
            }
        }
        for (; i < n; i++)
        {
            _output[i] = input[i] >= 0 ? 1f : -1f;
        }
        return _output;
    }

    public override float[]? Backward(float[] gradOutput, int batch, bool inputGradient)
    {
        int n = batch * perSample;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var one = Vector512.Create(1f);
            for (; i + 16 <= n; i += 16)
            {
                var x = Vector512.Create(_input, i);
                var pass = Vector512.LessThanOrEqual(Vector512.Abs(x), one);
                (Vector512.Create(gradOutput, i) & pass).CopyTo(_gradInput, i);
            }
        }
        for (; i < n; i++)
        {
            float x = _input[i];
            _gradInput[i] = x <= 1f && x >= -1f ? gradOutput[i] : 0f;
        }
        return _gradInput;
    }
}
