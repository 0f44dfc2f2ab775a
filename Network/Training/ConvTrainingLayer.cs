using Bmcnn.Circuit;
using Bmcnn.Network.Model;
using Bmcnn.Network.Numerics;

namespace Bmcnn.Network.Training;

/// <summary>
/// Binarized convolution (any kernel height × width, stride and zero padding) as im2col + GEMM: the patch matrix P
/// has one row per output position and kh·kw·cin columns ordered (ky, kx, c), the crossbar row order of the model;
/// Y = P·Wᵀ. A padded position is a zero in P, as a row driven at 0 V contributes nothing on the crossbar.
/// </summary>
internal sealed class ConvTrainingLayer : TrainingLayer
{
    private readonly int _h, _w, _cin, _kh, _kw, _sh, _sw, _ph, _pw, _cout, _oh, _ow, _rows;
    private readonly int _threads;
    private readonly float[] _patches, _output, _gradPatches, _gradInput;
    private float[] _input = [];

    public ConvTrainingLayer(string name, int height, int width, int cin, int cout, ConvGeometry geometry, int maxBatch, int threads,
        ref RandomStream init)
    {
        _h = height;
        _w = width;
        _cin = cin;
        (_kh, _kw, _sh, _sw, _ph, _pw) = (geometry.KernelHeight, geometry.KernelWidth, geometry.StrideHeight, geometry.StrideWidth,
            geometry.PadHeight, geometry.PadWidth);
        _cout = cout;
        (_oh, _ow) = geometry.Output(height, width);
        _rows = geometry.Window * cin;
        _threads = threads;
        Weights = new BinaryWeights(name, cout, _rows, ref init);
        int positions = maxBatch * _oh * _ow;
        _patches = new float[positions * _rows];
        _output = new float[positions * cout];
        _gradPatches = new float[positions * _rows];
        _gradInput = new float[maxBatch * height * width * cin];
    }

    /// <summary>A square stride-1 unpadded convolution (the version 1 layer).</summary>
    public ConvTrainingLayer(string name, int height, int width, int cin, int cout, int kernel, int maxBatch, int threads, ref RandomStream init)
        : this(name, height, width, cin, cout, ConvGeometry.Square(kernel), maxBatch, threads, ref init)
    {
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

    // The kernel columns [kx0, kx1) of output column ox that fall inside the image (the rest are padding).
    private (int First, int End) Columns(int ox)
    {
        int x0 = ox * _sw - _pw;
        return (Math.Max(0, -x0), Math.Min(_kw, _w - x0));
    }

    private void Im2Col(float[] x, int batch)
    {
        int span = _kw * _cin;
        Parallel.For(0, batch, new ParallelOptions { MaxDegreeOfParallelism = _threads }, b =>
        {
            for (int oy = 0; oy < _oh; oy++)
            {
                for (int ox = 0; ox < _ow; ox++)
                {
                    int row = ((b * _oh + oy) * _ow + ox) * _rows;
                    var (first, end) = Columns(ox);
                    int x0 = ox * _sw - _pw;
                    for (int ky = 0; ky < _kh; ky++)
                    {
                        int iy = oy * _sh - _ph + ky;
                        var dst = _patches.AsSpan(row + ky * span, span);
                        if (iy < 0 || iy >= _h || first >= end)
                        {
                            dst.Clear();
                            continue;
                        }
                        dst[..(first * _cin)].Clear();
                        dst[(end * _cin)..].Clear();
                        Array.Copy(x, ((b * _h + iy) * _w + x0 + first) * _cin, _patches, row + ky * span + first * _cin, (end - first) * _cin);
                    }
                }
            }
        });
    }

    private void Col2Im(int batch)
    {
        int span = _kw * _cin;
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
                    var (first, end) = Columns(ox);
                    int x0 = ox * _sw - _pw;
                    for (int ky = 0; ky < _kh; ky++)
                    {
                        int iy = oy * _sh - _ph + ky;
                        if (iy < 0 || iy >= _h || first >= end)
                        {
                            continue;
                        }
                        var src = _gradPatches.AsSpan(row + ky * span + first * _cin, (end - first) * _cin);
                        var dst = gi.Slice((iy * _w + x0 + first) * _cin, (end - first) * _cin);
                        VectorMath.AddTo(dst, src);
                    }
                }
            }
        });
    }
}
