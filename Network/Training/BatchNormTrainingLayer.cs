namespace Bmcnn.Network.Training;

/// <summary>
/// Batch normalization over all rows (samples × positions) per channel, with running statistics updated like
/// PyTorch (momentum 0.1, unbiased variance) and used in evaluation mode.
/// </summary>
internal sealed class BatchNormTrainingLayer : TrainingLayer
{
    private readonly int _c, _positions, _threads;
    private readonly float[] _xhat, _output, _gradInput;
    private readonly double[] _invStd, _sum, _sum2;
    private readonly float[] _scale, _shift;

    public BatchNormTrainingLayer(string name, int channels, int positions, int maxBatch, float eps = 1e-5f, float momentum = 0.1f, int threads = 1)
    {
        _c = channels;
        _positions = positions;
        _threads = threads;
        Eps = eps;
        Momentum = momentum;
        Gamma = new Parameter(name + ".gamma", channels, false);
        Beta = new Parameter(name + ".beta", channels, false);
        Array.Fill(Gamma.Value, 1f);
        RunningMean = new float[channels];
        RunningVar = new float[channels];
        Array.Fill(RunningVar, 1f);
        int size = maxBatch * positions * channels;
        _xhat = new float[size];
        _output = new float[size];
        _gradInput = new float[size];
        _invStd = new double[channels];
        _sum = new double[channels];
        _sum2 = new double[channels];
        _scale = new float[channels];
        _shift = new float[channels];
    }

    public float Eps { get; }
    public float Momentum { get; }
    public Parameter Gamma { get; }
    public Parameter Beta { get; }
    public float[] RunningMean { get; }
    public float[] RunningVar { get; }

    public override IEnumerable<Parameter> Parameters => [Gamma, Beta];

    public override float[] Forward(float[] input, int batch, bool training)
    {
        int rows = batch * _positions;
        int c = _c;
        var mean = new double[c];
        if (training)
        {
            ChannelReduction.Sums(input, input, rows, c, _sum, _sum2, _threads);
            for (int j = 0; j < c; j++)
            {
                mean[j] = _sum[j] / rows;
                double var = Math.Max(0, _sum2[j] / rows - mean[j] * mean[j]);
                _invStd[j] = 1.0 / Math.Sqrt(var + Eps);
                double unbiased = rows > 1 ? var * rows / (rows - 1) : var;
                RunningMean[j] = (float)((1 - Momentum) * RunningMean[j] + Momentum * mean[j]);
                RunningVar[j] = (float)((1 - Momentum) * RunningVar[j] + Momentum * unbiased);
            }
        }
        else
        {
            for (int j = 0; j < c; j++)
            {
                mean[j] = RunningMean[j];
                _invStd[j] = 1.0 / Math.Sqrt(RunningVar[j] + (double)Eps);
            }
        }
        // xhat = x·inv − mean·inv; y = xhat·γ + β
        for (int j = 0; j < c; j++)
        {
            _scale[j] = (float)_invStd[j];
            _shift[j] = (float)(-mean[j] * _invStd[j]);
        }
        ChannelReduction.Affine(input, _xhat, rows, c, _scale, _shift, _threads);
        ChannelReduction.Affine(_xhat, _output, rows, c, Gamma.Value, Beta.Value, _threads);
        return _output;
    }

    public override float[]? Backward(float[] gradOutput, int batch, bool inputGradient)
    {
        int rows = batch * _positions;
        int c = _c;
        var db = new double[c];
        var dg = new double[c];
        ChannelReduction.Sums(gradOutput, _xhat, rows, c, db, dg, _threads);
        for (int j = 0; j < c; j++)
        {
            Gamma.Grad[j] = (float)dg[j];
            Beta.Grad[j] = (float)db[j];
        }
        if (!inputGradient)
        {
            return null;
        }
        // dx = k·(dy − mean(dy) − xhat·mean(dy·xhat)), k = γ/σ: computed as k·dy + (−k·mdg)·xhat + (−k·mdb)
        var k = new float[c];
        var a = new float[c];
        var b0 = new float[c];
        for (int j = 0; j < c; j++)
        {
            double kj = Gamma.Value[j] * _invStd[j];
            k[j] = (float)kj;
            a[j] = (float)(-kj * dg[j] / rows);
            b0[j] = (float)(-kj * db[j] / rows);
        }
        int per = (rows + 7) / 8;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = _threads }, chunk =>
        {
            int r0 = chunk * per, r1 = Math.Min(rows, r0 + per);
            for (int r = r0; r < r1; r++)
            {
                int o = r * c;
                for (int j = 0; j < c; j++)
                {
                    _gradInput[o + j] = k[j] * gradOutput[o + j] + a[j] * _xhat[o + j] + b0[j];
                }
            }
        });
        return _gradInput;
    }
}
