using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Runtime.Intrinsics;
using Bmcnn.Circuit;
using Bmcnn.Network.Data;
using Bmcnn.Network.Model;

namespace Bmcnn.Network.Inference;

/// <summary>
/// Runs a <see cref="BnnModel"/> as the hardware would: per block, unroll the input into vectors (conv patches or the
/// flat feature vector), hand them to the block's <see cref="IWeightedSum"/> kernel (software, behavioral or circuit),
/// then in the digital periphery apply the folded <see cref="SenseThreshold"/> per neuron (hidden blocks) and the
/// max-pool, or, for the output block, the batch-norm affine map and argmax. Images are processed in chunks, chunks
/// in parallel; results do not depend on the thread count.
/// </summary>
public sealed class InferencePipeline
{
    private const int Chunk = 25;
    private readonly Stage[] _stages;
    private readonly float[] _pixelLevels;

    /// <summary>Builds the pipeline, creating one kernel per block with <paramref name="kernels"/>.</summary>
    public InferencePipeline(BnnModel model, IWeightedSumFactory kernels, int threads = 0)
    {
        Model = model;
        Mode = kernels.Mode;
        Threads = threads > 0 ? threads : Environment.ProcessorCount;
        _pixelLevels = model.PixelLevels();
        _stages = model.Blocks.Select(b => new Stage(b, kernels.Create(b))).ToArray();
    }

    /// <summary>Software (bit-exact) inference of a model.</summary>
    public static InferencePipeline Software(BnnModel model, int threads = 0) => new(model, new SoftwareKernels(), threads);

    /// <summary>The model run.</summary>
    public BnnModel Model { get; }

    /// <summary>The kernel mode.</summary>
    public string Mode { get; }

    /// <summary>Worker threads.</summary>
    public int Threads { get; }

    /// <summary>Classifies every image of the set.</summary>
    public InferenceResult Evaluate(MnistSet set)
    {
        var watch = Stopwatch.StartNew();
        var predictions = Predict(set.Pixels, set.Count);
        return new InferenceResult(Mode, predictions, set.Labels, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Classifies <paramref name="count"/> images given as 8-bit pixels (image after image).</summary>
    public int[] Predict(byte[] pixels, int count)
    {
        int imageSize = Model.Input.Size;
        if (pixels.Length < (long)count * imageSize)
        {
            throw new ArgumentException($"{pixels.Length} pixel bytes cannot hold {count} images of {imageSize}");
        }
        var predictions = new int[count];
        int chunks = (count + Chunk - 1) / Chunk;
        try
        {
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Threads },
                () => new Workspace(_stages, Chunk, imageSize),
                (chunk, _, ws) =>
                {
                    int first = chunk * Chunk;
                    int n = Math.Min(Chunk, count - first);
                    RunChunk(pixels, first, n, ws, predictions.AsSpan(first, n), null);
                    return ws;
                },
                _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is BmcnnException) is { } failure)
        {
            // A user-facing failure (say a tile that did not converge) keeps its one-line message.
            ExceptionDispatchInfo.Throw(failure);
        }
        return predictions;
    }

    /// <summary>
    /// Runs images and reports each block's weighted sums (pre-activations, vectors × columns) to
    /// <paramref name="observer"/> (block index, count of vectors, sums); single-threaded, for cross-checks.
    /// </summary>
    public int[] Trace(byte[] pixels, int count, Action<int, int, float[]> observer)
    {
        int imageSize = Model.Input.Size;
        var predictions = new int[count];
        var ws = new Workspace(_stages, Chunk, imageSize);
        for (int first = 0; first < count; first += Chunk)
        {
            int n = Math.Min(Chunk, count - first);
            RunChunk(pixels, first, n, ws, predictions.AsSpan(first, n), observer);
        }
        return predictions;
    }

    private void RunChunk(byte[] pixels, int first, int n, Workspace ws, Span<int> predictions, Action<int, int, float[]>? observer)
    {
        int imageSize = Model.Input.Size;
        var act = ws.A;
        for (int i = 0; i < n * imageSize; i++)
        {
            act[i] = _pixelLevels[pixels[first * imageSize + i]];
        }
        for (int s = 0; s < _stages.Length; s++)
        {
            var st = _stages[s];
            var block = st.Block;
            int rows = block.Weighted.Rows;
            int cols = block.Weighted.Columns;
            int vectors = n * block.Positions;
            float[] vecs;
            if (st.Kernel is IFeatureMapSum maps)
            {
                // Fast path: the kernel reads the maps itself (no float patches).
                maps.ComputeMaps(act, n, block.Input, ws.Sums);
                observer?.Invoke(s, vectors, ws.Sums);
                Activate(st, n, vectors, ws, predictions);
                continue;
            }
            if (block.Weighted is BinaryConv2d conv)
            {
                Unroll(act, n, block.Input, conv.Geometry, ws.Patches);
                vecs = ws.Patches;
            }
            else
            {
                vecs = act;
            }
            try
            {
                st.Kernel.Compute(vecs, vectors, ws.Sums);
            }
            catch (VectorFailedException e)
            {
                var where = block.Positions > 1 ? $", position {e.Vector % block.Positions}" : "";
                throw new BmcnnException($"image {first + e.Vector / block.Positions}{where}: {e.Message}", e);
            }
            observer?.Invoke(s, vectors, ws.Sums);
            Activate(st, n, vectors, ws, predictions);
        }
    }

    /// <summary>The digital periphery after a block's sums: threshold and pool, or the output block's argmax.</summary>
    private static void Activate(Stage st, int n, int vectors, Workspace ws, Span<int> predictions)
    {
        var block = st.Block;
        int cols = block.Weighted.Columns;
        var act = ws.A;
        if (block.Sign)
        {
            var next = ws.B;
            st.Thresholds!.Fire(ws.Sums, vectors, next);
            if (block.Pool is not null)
            {
                Pool(next, n, block.Output, block.Pool.Window, act);
            }
            else
            {
                Array.Copy(next, act, vectors * cols);
            }
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                int o = i * cols;
                int best = 0;
                double bestValue = double.NegativeInfinity;
                for (int c = 0; c < cols; c++)
                {
                    double logit = st.Scale![c] * ws.Sums[o + c] + st.Shift![c];
                    if (logit > bestValue)
                    {
                        bestValue = logit;
                        best = c;
                    }
                }
                predictions[i] = best;
            }
        }
    }

    /// <summary>Unrolls NHWC maps into patch vectors ordered (ky, kx, channel), one per output position, for a square
    /// stride-1 unpadded kernel.</summary>
    public static void Unroll(float[] x, int n, TensorShape shape, int kernel, float[] patches) =>
        Unroll(x, n, shape, ConvGeometry.Square(kernel), patches);

    /// <summary>Unrolls NHWC maps into patch vectors ordered (ky, kx, channel), one per output position; positions in
    /// the zero padding read 0.</summary>
    public static void Unroll(float[] x, int n, TensorShape shape, ConvGeometry g, float[] patches)
    {
        var (oh, ow) = g.Output(shape.Height, shape.Width);
        int c = shape.Channels;
        int rows = g.Window * c;
        for (int b = 0; b < n; b++)
        {
            for (int oy = 0; oy < oh; oy++)
            {
                for (int ox = 0; ox < ow; ox++)
                {
                    int row = ((b * oh + oy) * ow + ox) * rows;
                    int x0 = ox * g.StrideWidth - g.PadWidth;
                    // The run of kernel columns that falls inside the image; the rest stays zero.
                    int kx0 = Math.Max(0, -x0), kx1 = Math.Min(g.KernelWidth, shape.Width - x0);
                    for (int ky = 0; ky < g.KernelHeight; ky++)
                    {
                        var dest = patches.AsSpan(row + ky * g.KernelWidth * c, g.KernelWidth * c);
                        int y = oy * g.StrideHeight - g.PadHeight + ky;
                        if (y < 0 || y >= shape.Height || kx1 <= kx0)
                        {
                            dest.Clear();
                            continue;
                        }
                        dest[..(kx0 * c)].Clear();
                        dest[(kx1 * c)..].Clear();
                        x.AsSpan(((b * shape.Height + y) * shape.Width + x0 + kx0) * c, (kx1 - kx0) * c).CopyTo(dest[(kx0 * c)..]);
                    }
                }
            }
        }
    }

    private static void Pool(float[] x, int n, TensorShape shape, ConvGeometry g, float[] y)
    {
        var (oh, ow) = g.Output(shape.Height, shape.Width);
        int c = shape.Channels;
        for (int b = 0; b < n; b++)
        {
            for (int oy = 0; oy < oh; oy++)
            {
                for (int ox = 0; ox < ow; ox++)
                {
                    var o = y.AsSpan(((b * oh + oy) * ow + ox) * c, c);
                    o.Fill(float.NegativeInfinity);
                    for (int dy = 0; dy < g.KernelHeight; dy++)
                    {
                        int rowBase = (b * shape.Height + oy * g.StrideHeight + dy) * shape.Width + ox * g.StrideWidth;
                        for (int dx = 0; dx < g.KernelWidth; dx++)
                        {
                            Max(x.AsSpan((rowBase + dx) * c, c), o);
                        }
                    }
                }
            }
        }
    }

    /// <summary>o = max(o, v) element by element.</summary>
    private static void Max(ReadOnlySpan<float> v, Span<float> o)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= v.Length; i += 16)
            {
                Vector512.Max(Vector512.Create(v.Slice(i, 16)), Vector512.Create(o.Slice(i, 16))).CopyTo(o.Slice(i, 16));
            }
        }
        for (; i < v.Length; i++)
        {
            o[i] = Math.Max(o[i], v[i]);
        }
    }

    private sealed class Stage
    {
        public Stage(LayerBlock block, IWeightedSum kernel)
        {
            Block = block;
            Kernel = kernel;
            int cols = block.Weighted.Columns;
            if (block.Sign)
            {
                Thresholds = new SenseThresholdBank(block.Norm);
            }
            else
            {
                Scale = new double[cols];
                Shift = new double[cols];
                for (int c = 0; c < cols; c++)
                {
                    (Scale[c], Shift[c]) = block.Norm.Affine(c);
                }
            }
        }

        public LayerBlock Block { get; }
        public IWeightedSum Kernel { get; }
        public SenseThresholdBank? Thresholds { get; }
        public double[]? Scale { get; }
        public double[]? Shift { get; }
    }

    private sealed class Workspace
    {
        public Workspace(Stage[] stages, int chunk, int imageSize)
        {
            int act = imageSize, patches = 0, sums = 0;
            foreach (var s in stages)
            {
                var b = s.Block;
                act = Math.Max(act, Math.Max(b.Input.Size, b.Output.Size));
                if (s.Kernel is not IFeatureMapSum)
                {
                    patches = Math.Max(patches, b.Positions * b.Weighted.Rows);
                }
                sums = Math.Max(sums, b.Positions * b.Weighted.Columns);
            }
            A = new float[chunk * act];
            B = new float[chunk * act];
            Patches = new float[chunk * patches];
            Sums = new float[chunk * sums];
        }

        public float[] A { get; }
        public float[] B { get; }
        public float[] Patches { get; }
        public float[] Sums { get; }
    }
}
