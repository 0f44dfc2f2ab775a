namespace Bmcnn.Network.Training;

/// <summary>Max-pooling over size×size windows in NHWC; the gradient goes to the first maximum of each window.</summary>
internal sealed class MaxPoolTrainingLayer : TrainingLayer
{
    private readonly int _h, _w, _c, _s, _oh, _ow;
    private readonly float[] _output, _gradInput;
    private readonly int[] _argmax;

    private readonly int _threads;

    public MaxPoolTrainingLayer(int height, int width, int channels, int size, int maxBatch, int threads = 1)
    {
        _threads = threads;
        _h = height;
        _w = width;
        _c = channels;
        _s = size;
        _oh = height / size;
        _ow = width / size;
        _output = new float[maxBatch * _oh * _ow * channels];
        _argmax = new int[_output.Length];
        _gradInput = new float[maxBatch * height * width * channels];
    }

    public override float[] Forward(float[] input, int batch, bool training)
    {
        Parallel.For(0, batch, new ParallelOptions { MaxDegreeOfParallelism = _threads }, b =>
        {
            for (int oy = 0; oy < _oh; oy++)
            {
                for (int ox = 0; ox < _ow; ox++)
                {
                    int o = ((b * _oh + oy) * _ow + ox) * _c;
                    int first = ((b * _h + oy * _s) * _w + ox * _s) * _c;
                    for (int ch = 0; ch < _c; ch++)
                    {
                        _output[o + ch] = input[first + ch];
                        _argmax[o + ch] = first + ch;
                    }
                    for (int dy = 0; dy < _s; dy++)
                    {
                        for (int dx = 0; dx < _s; dx++)
                        {
                            if (dy == 0 && dx == 0)
                            {
                                continue;
                            }
                            int i = ((b * _h + oy * _s + dy) * _w + ox * _s + dx) * _c;
                            for (int ch = 0; ch < _c; ch++)
                            {
                                if (input[i + ch] > _output[o + ch])
                                {
                                    _output[o + ch] = input[i + ch];
                                    _argmax[o + ch] = i + ch;
                                }
                            }
                        }
                    }
                }
            }
        });
        return _output;
    }

    public override float[]? Backward(float[] gradOutput, int batch, bool inputGradient)
    {
        // Windows do not overlap, so each sample's scatter touches only its own input region.
        int inPer = _h * _w * _c, outPer = _oh * _ow * _c;
        Parallel.For(0, batch, new ParallelOptions { MaxDegreeOfParallelism = _threads }, b =>
        {
            Array.Clear(_gradInput, b * inPer, inPer);
            for (int i = b * outPer; i < (b + 1) * outPer; i++)
            {
                _gradInput[_argmax[i]] += gradOutput[i];
            }
        });
        return _gradInput;
    }
}
