using Bmcnn.Circuit;
using Bmcnn.Network.Numerics;

namespace Bmcnn.Network.Training;

/// <summary>
/// Binarized convolution (stride 1, no padding) as im2col + GEMM: the patch matrix P has one row per output position
/// and kernel·kernel·cin columns ordered (ky, kx, c), the crossbar row order of the model; Y = P·Wᵀ.
/// </summary>
internal sealed class ConvTrainingLayer : TrainingLayer
{
    private readonly int _h, _w, _cin, _k, _cout, _oh, _ow, _rows;
    private readonly int _threads;
    private readonly float[] _patches, _output, _gradPatches, _gradInput;
    private float[] _input = [];

    public ConvTrainingLayer(string name, int height, int width, int cin, int cout, int kernel, int maxBatch, int threads, ref RandomStream init)
    {
        _h = height;
        _w = width;
        _cin = cin;
        _k = kernel;
        _cout = cout;
        _oh = height - kernel + 1;
        _ow = width - kernel + 1;
        _rows = kernel * kernel * cin;
        _threads = threads;
        Weights = new BinaryWeights(name, cout, _rows, ref init);
        int positions = maxBatch * _oh * _ow;
        _patches = new float[positions * _rows];
        _output = new float[positions * cout];
        _gradPatches = new float[positions * _rows];
        _gradInput = new float[maxBatch * height * width * cin];
    }

    public BinaryWeights Weights { get; }

    public override IEnumerable<Parameter> Parameters => [Weights.Latent];

    public override float[] Forward(float[] input, int batch, bool training)
    {
        _input = input;
        Weights.Binarize(training);
        Im2Col(input, batch);
        int m = batch * _oh * _ow;
        Sgemm.Multiply(false, true, m, _cout, _rows, _patches, 0, _rows, Weights.Effective, 0, _rows, _output, 0, _cout, false, _threads);
        return _output;
    }

    public override float[]? Backward(float[] gradOutput, int batch, bool inputGradient)
    {
        int m = batch * _oh * _ow;
        // dW[cout × rows] = dYᵀ·P
        Sgemm.Multiply(true, false, _cout, _rows, m, gradOutput, 0, _cout, _patches, 0, _rows, Weights.Latent.Grad, 0, _rows, false, _threads);
        if (!inputGradient)
        {
            return null;
        }
        Sgemm.Multiply(false, false, m, _rows, _cout, gradOutput, 0, _cout, Weights.Effective, 0, _rows, _gradPatches, 0, _rows, false, _threads);
        Col2Im(batch);
        return _gradInput;
    }

    private void Im2Col(float[] x, int batch)
    {
        int span = _k * _cin;
        Parallel.For(0, batch, new ParallelOptions { MaxDegreeOfParallelism = _threads }, b =>
        {
            for (int oy = 0; oy < _oh; oy++)
            {
                for (int ox = 0; ox < _ow; ox++)
                {
                    int row = ((b * _oh + oy) * _ow + ox) * _rows;
                    for (int ky = 0; ky < _k; ky++)
                    {
                        Array.Copy(x, ((b * _h + oy + ky) * _w + ox) * _cin, _patches, row + ky * span, span);
                    }
                }
            }
        });
    }

    private void Col2Im(int batch)
    {
        int span = _k * _cin;
        int image = _h * _w * _cin;
        Parallel.For(0, batch, new ParallelOptions { MaxDegreeOfParallelism = _threads }, b =>
        {
            var gi = _gradInput.AsSpan(b * image, image);
            gi.Clear();
            for (int oy = 0; oy < _oh; oy++)
            {
                for (int ox = 0; ox < _ow; ox++)
                {
                    int row = ((b * _oh + oy) * _ow + ox) * _rows;
                    for (int ky = 0; ky < _k; ky++)
                    {
                        var src = _gradPatches.AsSpan(row + ky * span, span);
                        var dst = gi.Slice(((oy + ky) * _w + ox) * _cin, span);
                        VectorMath.AddTo(dst, src);
                    }
                }
            }
        });
    }
}
