using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bmcnn.Network.Model;

namespace Bmcnn.Network.Inference;

/// <summary>
/// Fast exact software convolution for ±1 maps and ±1 weights: each input map is packed once into a bit stream
/// (NHWC order, bit set = +1), patches are unrolled as bits (a kernel row of a patch is one contiguous run of the
/// stream), and a register-blocked XNOR/popcount product gives Σ x·w = rows − 2·popcount(x XOR w) for 2 positions ×
/// 4 output channels at a time. A padded position reads as a 0 bit (−1) there; its true contribution is 0, so the
/// weights it met, Σ_c w, are added back for the positions on the border. Integer arithmetic throughout: the sums
/// equal <see cref="XnorPopcount"/>'s on the unrolled float patches exactly.
/// </summary>
public sealed class PackedConvolution : IFeatureMapSum
{
    private readonly BinaryConv2d _conv;
    private readonly XnorPopcount _vectors;
    private readonly ulong[] _weights;   // columns × words, bit r of column c = weight (row r, column c) is +1
    private readonly int[] _tapSums;     // columns × taps: Σ over the tap's channels of the ±1 weights
    private readonly int _words;

    /// <summary>Creates the kernel for a binary convolution.</summary>
    public PackedConvolution(BinaryConv2d layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        _conv = layer;
        _vectors = new XnorPopcount(layer);
        int rows = layer.Rows, cols = layer.Columns, c = layer.InChannels, taps = layer.Geometry.Window;
        _words = (rows + 63) / 64;
        _weights = new ulong[_words * cols];
        _tapSums = new int[taps * cols];
        for (int col = 0; col < cols; col++)
        {
            for (int r = 0; r < rows; r++)
            {
                int w = layer.Weights[col * rows + r];
                if (w > 0)
                {
                    _weights[col * _words + (r >> 6)] |= 1UL << (r & 63);
                }
                _tapSums[col * taps + r / c] += w;
            }
        }
    }

    /// <inheritdoc />
    public WeightedLayer Layer => _conv;

    /// <inheritdoc />
    public void Compute(float[] inputs, int count, float[] outputs) => _vectors.Compute(inputs, count, outputs);

    /// <inheritdoc />
    public void ComputeMaps(float[] maps, int images, TensorShape shape, float[] outputs)
    {
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(outputs);
        var g = _conv.Geometry;
        var (oh, ow) = g.Output(shape.Height, shape.Width);
        int positions = oh * ow, cols = _conv.Columns, size = shape.Size;
        // One spare word so that an unaligned 64-bit read never runs past the end.
        int streamWords = (size + 63) / 64 + 1;
        var stream = ArrayPool<ulong>.Shared.Rent(streamWords);
        var patches = ArrayPool<ulong>.Shared.Rent(positions * _words);
        try
        {
            for (int b = 0; b < images; b++)
            {
                var bits = stream.AsSpan(0, streamWords);
                XnorPopcount.Pack(maps.AsSpan(b * size, size), bits);
                Unroll(bits, shape, oh, ow, patches);
                Sums(patches, positions, outputs.AsSpan(b * positions * cols, positions * cols));
                if (g.PadHeight > 0 || g.PadWidth > 0)
                {
                    Border(shape, oh, ow, outputs.AsSpan(b * positions * cols, positions * cols));
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(stream);
            ArrayPool<ulong>.Shared.Return(patches);
        }
    }

    private void Unroll(ReadOnlySpan<ulong> bits, TensorShape shape, int oh, int ow, ulong[] patches)
    {
        var g = _conv.Geometry;
        int c = shape.Channels, words = _words;
        patches.AsSpan(0, oh * ow * words).Clear();
        for (int oy = 0; oy < oh; oy++)
        {
            for (int ox = 0; ox < ow; ox++)
            {
                var dest = patches.AsSpan((oy * ow + ox) * words, words);
                int x0 = ox * g.StrideWidth - g.PadWidth;
                int kx0 = Math.Max(0, -x0), kx1 = Math.Min(g.KernelWidth, shape.Width - x0);
                if (kx1 <= kx0)
                {
                    continue;
                }
                for (int ky = 0; ky < g.KernelHeight; ky++)
                {
                    int y = oy * g.StrideHeight - g.PadHeight + ky;
                    if (y >= 0 && y < shape.Height)
                    {
                        long from = ((long)(y * shape.Width + x0 + kx0)) * c;
                        CopyBits(bits, from, dest, (ky * g.KernelWidth + kx0) * c, (kx1 - kx0) * c);
                    }
                }
            }
        }
    }

    /// <summary>ORs <paramref name="count"/> bits of <paramref name="src"/> from bit <paramref name="srcBit"/> into
    /// <paramref name="dst"/> at bit <paramref name="dstBit"/> (whole words when both are word-aligned).</summary>
    private static void CopyBits(ReadOnlySpan<ulong> src, long srcBit, Span<ulong> dst, int dstBit, int count)
    {
        if ((srcBit & 63) == 0 && (dstBit & 63) == 0)
        {
            int whole = count >> 6;
            src.Slice((int)(srcBit >> 6), whole).CopyTo(dst.Slice(dstBit >> 6, whole));
            int done = whole << 6;
            srcBit += done;
            dstBit += done;
            count -= done;
        }
        while (count > 0)
        {
            int si = (int)(srcBit >> 6), shift = (int)(srcBit & 63);
            ulong word = shift == 0 ? src[si] : (src[si] >> shift) | (src[si + 1] << (64 - shift));
            int offset = dstBit & 63;
            int n = Math.Min(64 - offset, count);
            if (n < 64)
            {
                word &= (1UL << n) - 1;
            }
            dst[dstBit >> 6] |= word << offset;
            srcBit += n;
            dstBit += n;
            count -= n;
        }
    }

    /// <summary>rows − 2·popcount(x XOR w) for every position and column, 2 positions × 4 columns at a time.</summary>
    private void Sums(ulong[] patches, int positions, Span<float> outputs)
    {
        int cols = _conv.Columns, words = _words, rows = _conv.Rows;
        ref ulong x = ref MemoryMarshal.GetArrayDataReference(patches);
        ref ulong w = ref MemoryMarshal.GetArrayDataReference(_weights);
        int p = 0;
        for (; p + 2 <= positions; p += 2)
        {
            ref ulong x0 = ref Unsafe.Add(ref x, p * words);
            ref ulong x1 = ref Unsafe.Add(ref x0, words);
            int c = 0;
            for (; c + 4 <= cols; c += 4)
            {
                ref ulong w0 = ref Unsafe.Add(ref w, c * words);
                ref ulong w1 = ref Unsafe.Add(ref w0, words);
                ref ulong w2 = ref Unsafe.Add(ref w1, words);
                ref ulong w3 = ref Unsafe.Add(ref w2, words);
                int d00 = 0, d01 = 0, d02 = 0, d03 = 0, d10 = 0, d11 = 0, d12 = 0, d13 = 0;
                for (int k = 0; k < words; k++)
                {
                    ulong a = Unsafe.Add(ref x0, k), b = Unsafe.Add(ref x1, k);
                    ulong v0 = Unsafe.Add(ref w0, k), v1 = Unsafe.Add(ref w1, k), v2 = Unsafe.Add(ref w2, k), v3 = Unsafe.Add(ref w3, k);
                    d00 += BitOperations.PopCount(a ^ v0);
                    d01 += BitOperations.PopCount(a ^ v1);
                    d02 += BitOperations.PopCount(a ^ v2);
                    d03 += BitOperations.PopCount(a ^ v3);
                    d10 += BitOperations.PopCount(b ^ v0);
                    d11 += BitOperations.PopCount(b ^ v1);
                    d12 += BitOperations.PopCount(b ^ v2);
                    d13 += BitOperations.PopCount(b ^ v3);
                }
                var o0 = outputs.Slice(p * cols + c, 4);
                var o1 = outputs.Slice((p + 1) * cols + c, 4);
                (o0[0], o0[1], o0[2], o0[3]) = (rows - 2 * d00, rows - 2 * d01, rows - 2 * d02, rows - 2 * d03);
                (o1[0], o1[1], o1[2], o1[3]) = (rows - 2 * d10, rows - 2 * d11, rows - 2 * d12, rows - 2 * d13);
            }
            for (; c < cols; c++)
            {
                outputs[p * cols + c] = rows - 2 * Mismatches(ref x0, ref Unsafe.Add(ref w, c * words), words);
                outputs[(p + 1) * cols + c] = rows - 2 * Mismatches(ref x1, ref Unsafe.Add(ref w, c * words), words);
            }
        }
        for (; p < positions; p++)
        {
            for (int c = 0; c < cols; c++)
            {
                outputs[p * cols + c] = rows - 2 * Mismatches(ref Unsafe.Add(ref x, p * words), ref Unsafe.Add(ref w, c * words), words);
            }
        }
    }

    private static int Mismatches(ref ulong x, ref ulong w, int words)
    {
        int d = 0;
        for (int k = 0; k < words; k++)
        {
            d += BitOperations.PopCount(Unsafe.Add(ref x, k) ^ Unsafe.Add(ref w, k));
        }
        return d;
    }

    /// <summary>Adds back, at positions whose window leaves the map, the weights their padded taps met as −1.</summary>
    private void Border(TensorShape shape, int oh, int ow, Span<float> outputs)
    {
        var g = _conv.Geometry;
        int cols = _conv.Columns, taps = g.Window;
        for (int oy = 0; oy < oh; oy++)
        {
            int y0 = oy * g.StrideHeight - g.PadHeight;
            bool rowInside = y0 >= 0 && y0 + g.KernelHeight <= shape.Height;
            for (int ox = 0; ox < ow; ox++)
            {
                int x0 = ox * g.StrideWidth - g.PadWidth;
                if (rowInside && x0 >= 0 && x0 + g.KernelWidth <= shape.Width)
                {
                    continue;
                }
                var o = outputs.Slice((oy * ow + ox) * cols, cols);
                for (int ky = 0; ky < g.KernelHeight; ky++)
                {
                    bool yOut = y0 + ky < 0 || y0 + ky >= shape.Height;
                    for (int kx = 0; kx < g.KernelWidth; kx++)
                    {
                        if (yOut || x0 + kx < 0 || x0 + kx >= shape.Width)
                        {
                            int tap = ky * g.KernelWidth + kx;
                            for (int c = 0; c < cols; c++)
                            {
                                o[c] += _tapSums[c * taps + tap];
                            }
                        }
                    }
                }
            }
        }
    }
}
