using Bmcnn.Circuit;
using Bmcnn.Network.Model;

namespace Bmcnn.Network.Training;

/// <summary>
/// The trainable counterpart of a <see cref="BnnModel"/>: per block a binarized conv/linear layer, batch-norm and,
/// for hidden blocks, sign and max-pool (flatten is free in NHWC order). Exports the trained binary model.
/// </summary>
internal sealed class TrainingNetwork
{
    private readonly BnnModel _template;
    private readonly List<TrainingLayer> _layers = new();
    private readonly List<(BinaryWeights Weights, BatchNormTrainingLayer Norm)> _blocks = new();

    public TrainingNetwork(BnnModel template, int maxBatch, int threads, int seed)
    {
        _template = template;
        MaxBatch = maxBatch;
        var init = RandomStream.For((ulong)seed, 2);
        foreach (var block in template.Blocks)
        {
            // Training covers binary layers with any convolution window, stride and padding, and non-overlapping pools.
            if (block.Weighted.Digital || block.Pool is { IsSimple: false })
            {
                throw new BmcnnException($"training: layer {block.Weighted.Name} uses a shape training does not support " +
                    "(digital weights or overlapping pool)");
            }
            BinaryWeights weights;
            switch (block.Weighted)
            {
                case BinaryConv2d conv:
                    var cl = new ConvTrainingLayer(conv.Name, block.Input.Height, block.Input.Width, conv.InChannels,
                        conv.OutChannels, conv.Geometry, maxBatch, threads, ref init);
                    _layers.Add(cl);
                    weights = cl.Weights;
                    break;
                case BinaryLinear linear:
                    var ll = new LinearTrainingLayer(linear.Name, linear.Rows, linear.Columns, maxBatch, threads, ref init);
                    _layers.Add(ll);
                    weights = ll.Weights;
                    break;
                default:
                    throw new NotSupportedException(block.Weighted.GetType().Name);
            }
            var norm = new BatchNormTrainingLayer(block.Norm.Name, block.Output.Channels, block.Positions, maxBatch, block.Norm.Eps, 0.1f, threads);
            _layers.Add(norm);
            _blocks.Add((weights, norm));
            if (block.Sign)
            {
                _layers.Add(new SignTrainingLayer(block.Output.Size, maxBatch));
                if (block.Pool is not null)
                {
                    _layers.Add(new MaxPoolTrainingLayer(block.Output.Height, block.Output.Width, block.Output.Channels, block.Pool.Size, maxBatch,
                        threads));
                }
            }
        }
        Parameters = _layers.SelectMany(l => l.Parameters).ToList();
        Classes = template.Classes;
        InputSize = template.Input.Size;
    }

    /// <summary>Stopwatch ticks spent per layer: [2i] forward, [2i+1] backward.</summary>
    public long[] Profile { get; } = new long[64];

    /// <summary>Layer type names, in order (for the profile).</summary>
    public IEnumerable<string> LayerNames => _layers.Select(l => l.GetType().Name);

    public int MaxBatch { get; }
    public int Classes { get; }
    public int InputSize { get; }
    public IReadOnlyList<Parameter> Parameters { get; }
    public IReadOnlyList<(BinaryWeights Weights, BatchNormTrainingLayer Norm)> Blocks => _blocks;

    /// <summary>Sets the weight noise (variation-aware training) of every binary layer.</summary>
    public void SetNoise(float sigma, GaussianNoise? noise)
    {
        foreach (var (w, _) in _blocks)
        {
            w.Sigma = sigma;
            w.Noise = noise;
        }
    }

    /// <summary>Sets the device-aware weight perturbation of every binary layer for training step <paramref name="step"/>.</summary>
    public void SetPerturbation(IWeightPerturbation? perturbation, long step)
    {
        for (int i = 0; i < _blocks.Count; i++)
        {
            var w = _blocks[i].Weights;
            w.Perturbation = perturbation;
            w.Layer = i;
            w.Step = step;
        }
    }

    /// <summary>Runs the batch forward; returns the logits [batch × classes].</summary>
    public float[] Forward(float[] input, int batch, bool training)
    {
        var x = input;
        for (int i = 0; i < _layers.Count; i++)
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            x = _layers[i].Forward(x, batch, training);
            Profile[2 * i] += System.Diagnostics.Stopwatch.GetTimestamp() - t0;
        }
        return x;
    }

    /// <summary>Back-propagates dL/d(logits), filling every parameter gradient.</summary>
    public void Backward(float[] gradLogits, int batch)
    {
        var g = gradLogits;
        for (int i = _layers.Count - 1; i >= 0; i--)
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            g = _layers[i].Backward(g!, batch, i > 0);
            Profile[2 * i + 1] += System.Diagnostics.Stopwatch.GetTimestamp() - t0;
        }
    }

    /// <summary>The binary model: signs of the latent weights and the batch-norm running statistics.</summary>
    public BnnModel Export(IDictionary<string, string>? metadata = null)
    {
        var layers = new List<ModelLayer>();
        int b = 0;
        foreach (var layer in _template.Layers)
        {
            switch (layer)
            {
                case WeightedLayer w:
                    var latent = _blocks[b].Weights.Latent.Value;
                    var signs = new sbyte[latent.Length];
                    for (int i = 0; i < latent.Length; i++)
                    {
                        signs[i] = latent[i] >= 0 ? (sbyte)1 : (sbyte)-1;
                    }
                    layers.Add(w switch
                    {
                        BinaryConv2d c => new BinaryConv2d(c.Name, c.InChannels, c.OutChannels, c.Geometry, signs),
                        BinaryLinear l => new BinaryLinear(l.Name, l.Rows, l.Columns, signs),
                        _ => throw new NotSupportedException(w.GetType().Name),
                    });
                    break;
                case BatchNorm bn:
                    var n = _blocks[b].Norm;
                    layers.Add(new BatchNorm(bn.Name, bn.Features, n.Eps, (float[])n.Gamma.Value.Clone(), (float[])n.Beta.Value.Clone(),
                        (float[])n.RunningMean.Clone(), (float[])n.RunningVar.Clone()));
                    b++;
                    break;
                default:
                    layers.Add(layer);
                    break;
            }
        }
        return new BnnModel(_template.Arch, _template.Input, _template.InputBits, layers, metadata);
    }

    /// <summary>Softmax cross-entropy: writes dL/d(logits) (mean over the batch) and returns (loss sum, correct).</summary>
    public static (double Loss, int Correct) SoftmaxCrossEntropy(float[] logits, byte[] labels, int labelOffset, int batch, int classes, float[] grad)
    {
        double loss = 0;
        int correct = 0;
        Span<double> p = stackalloc double[classes];
        for (int b = 0; b < batch; b++)
        {
            int o = b * classes;
            int label = labels[labelOffset + b];
            double max = double.NegativeInfinity;
            int arg = 0;
            for (int j = 0; j < classes; j++)
            {
                if (logits[o + j] > max)
                {
                    max = logits[o + j];
                    arg = j;
                }
            }
            if (arg == label)
            {
                correct++;
            }
            double sum = 0;
            for (int j = 0; j < classes; j++)
            {
                p[j] = Math.Exp(logits[o + j] - max);
                sum += p[j];
            }
            loss += Math.Log(sum) - (logits[o + label] - max);
            for (int j = 0; j < classes; j++)
            {
                grad[o + j] = (float)((p[j] / sum - (j == label ? 1 : 0)) / batch);
            }
        }
        return (loss, correct);
    }
}
