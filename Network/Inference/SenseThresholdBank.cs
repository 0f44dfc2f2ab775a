using System.Runtime.Intrinsics;
using Bmcnn.Network.Model;

namespace Bmcnn.Network.Inference;

/// <summary>
/// The sense amplifiers of one hidden layer, one <see cref="SenseThreshold"/> per neuron, applied to whole batches of
/// weighted sums 16 neurons at a time. A float sum x fires exactly when <see cref="SenseThreshold.Fire"/> says so:
/// x ≥ T (double) holds for a float x exactly when x ≥ T rounded up to a float, and x ≤ T when −x ≥ −T.
/// </summary>
public sealed class SenseThresholdBank
{
    private readonly float[] _flip;
    private readonly float[] _level;

    /// <summary>Folds the batch-norm of a hidden block.</summary>
    public SenseThresholdBank(BatchNorm norm)
    {
        ArgumentNullException.ThrowIfNull(norm);
        int n = norm.Features;
        _flip = new float[n];
        _level = new float[n];
        for (int c = 0; c < n; c++)
        {
            var t = SenseThreshold.Fold(norm, c);
            double level = t.Inverted ? -t.Threshold : t.Threshold;
            float f = (float)level;
            _flip[c] = t.Inverted ? -1f : 1f;
            _level[c] = f < level ? MathF.BitIncrement(f) : f;
        }
    }

    /// <summary>Neurons.</summary>
    public int Count => _level.Length;

    /// <summary>Writes ±1 for <paramref name="vectors"/> vectors of <see cref="Count"/> sums.</summary>
    public void Fire(ReadOnlySpan<float> sums, int vectors, Span<float> outputs)
    {
        int cols = _level.Length;
        for (int v = 0; v < vectors; v++)
        {
            var x = sums.Slice(v * cols, cols);
            var y = outputs.Slice(v * cols, cols);
            int c = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; c + 16 <= cols; c += 16)
                {
                    var fires = Vector512.GreaterThanOrEqual(Vector512.Create(x.Slice(c, 16)) * Vector512.Create(_flip.AsSpan(c, 16)),
                        Vector512.Create(_level.AsSpan(c, 16)));
                    Vector512.ConditionalSelect(fires, Vector512<float>.One, -Vector512<float>.One).CopyTo(y.Slice(c, 16));
                }
            }
            for (; c < cols; c++)
            {
                y[c] = x[c] * _flip[c] >= _level[c] ? 1f : -1f;
            }
        }
    }
}
