using System.Numerics;
using System.Runtime.Intrinsics;
using Bmcnn.Network.Model;

namespace Bmcnn.Network.Inference;

/// <summary>
/// Exact software weighted sum for ±1 inputs: inputs and weights are packed into 64-bit words (bit set = +1) and
/// Σ x·w = n − 2·popcount(x XOR w). Padding bits are zero in both, so they never count. A convolution with zero
/// padding also sees 0 inputs (padded positions): those are masked out, Σ x·w = m − 2·popcount((x XOR w) AND mask)
/// over the m non-zero inputs.
/// </summary>
public sealed class XnorPopcount : IWeightedSum
{
    private readonly ulong[] _weights;
    private readonly int _words;
    private readonly bool _padded;

    /// <summary>Creates the kernel for a layer.</summary>
    public XnorPopcount(WeightedLayer layer)
    {
        Layer = layer;
        _words = (layer.Rows + 63) / 64;
        _padded = layer is BinaryConv2d { Geometry: { PadHeight: > 0 } or { PadWidth: > 0 } };
        _weights = new ulong[_words * layer.Columns];
        for (int c = 0; c < layer.Columns; c++)
        {
            for (int r = 0; r < layer.Rows; r++)
            {
                if (layer.Weights[c * layer.Rows + r] > 0)
                {
                    _weights[c * _words + (r >> 6)] |= 1UL << (r & 63);
                }
            }
        }
    }

    /// <inheritdoc />
    public WeightedLayer Layer { get; }

    /// <summary>Packs ±1 values into words, bit set for positive values (vectorized compare + mask extraction).</summary>
    public static void Pack(ReadOnlySpan<float> values, Span<ulong> words)
    {
        words.Clear();
        int r = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; r + 16 <= values.Length; r += 16)
            {
                ulong mask = Vector512.GreaterThan(Vector512.Create(values.Slice(r, 16)), Vector512<float>.Zero).ExtractMostSignificantBits();
                // r is a multiple of 16, so the 16 bits never straddle two words.
                words[r >> 6] |= mask << (r & 63);
            }
        }
        for (; r < values.Length; r++)
        {
            if (values[r] > 0)
            {
                words[r >> 6] |= 1UL << (r & 63);
            }
        }
    }

    /// <inheritdoc />
    public void Compute(float[] inputs, int count, float[] outputs)
    {
        int rows = Layer.Rows;
        int cols = Layer.Columns;
        int words = _words;
        Span<ulong> x = stackalloc ulong[words];
        if (_padded)
        {
            ComputeMasked(inputs, count, outputs, x);
            return;
        }
        for (int v = 0; v < count; v++)
        {
            Pack(inputs.AsSpan(v * rows, rows), x);
            int outBase = v * cols;
            for (int c = 0; c < cols; c++)
            {
                int wb = c * words;
                int diff = 0;
                for (int k = 0; k < words; k++)
                {
                    diff += BitOperations.PopCount(x[k] ^ _weights[wb + k]);
                }
                outputs[outBase + c] = rows - 2 * diff;
            }
        }
    }

    private void ComputeMasked(float[] inputs, int count, float[] outputs, Span<ulong> x)
    {
        int rows = Layer.Rows;
        int cols = Layer.Columns;
        int words = _words;
        Span<ulong> mask = stackalloc ulong[words];
        for (int v = 0; v < count; v++)
        {
            var vector = inputs.AsSpan(v * rows, rows);
            Pack(vector, x);
            mask.Clear();
            int live = 0;
            for (int r = 0; r < rows; r++)
            {
                if (vector[r] != 0)
                {
                    mask[r >> 6] |= 1UL << (r & 63);
                    live++;
                }
            }
            int outBase = v * cols;
            for (int c = 0; c < cols; c++)
            {
                int wb = c * words;
                int diff = 0;
                for (int k = 0; k < words; k++)
                {
                    diff += BitOperations.PopCount((x[k] ^ _weights[wb + k]) & mask[k]);
                }
                outputs[outBase + c] = live - 2 * diff;
            }
        }
    }
}
