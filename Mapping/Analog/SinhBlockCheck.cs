using System.Diagnostics;
using Bmcnn.Circuit;
using Bmcnn.Circuit.Crossbars;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Analog;

/// <summary>
/// Full-size check of the blocked chain solver (<see cref="SinhCrossbarBlockSolver"/>) on real tiles: runs each image
/// through the programmed network in circuit mode, records every layer's input vectors, and solves every tile for
/// every non-zero vector both blocked and one vector at a time (<see cref="SinhCrossbarSolver"/>, and for the first
/// images also the engine's sparse Newton on the tile's netlist), comparing all column currents. Then it runs the
/// images through circuit mode both ways and compares the predictions. Everything on one thread, so the CPU times
/// of the paths are comparable.
/// </summary>
public static class SinhBlockCheck
{
    /// <summary>
    /// Checks the first <paramref name="images"/> images (8-bit pixels, one after another) of a network programmed with
    /// sinh devices and resistive wires; the first <paramref name="sparseImages"/> of them also against sparse Newton.
    /// </summary>
    /// <exception cref="BmcnnException">When the network's devices are not sinh, its wires are ideal, or a solve fails.</exception>
    public static SinhBlockCheckReport Run(MappedNetwork network, byte[] pixels, int imageSize, int images, int sparseImages,
        TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(pixels);
        if (network.Spec.Nonlinearity != Bmcnn.Devices.Nonlinearity.Sinh)
        {
            throw new BmcnnException("the blocked-solver check needs sinh devices (\"nonlinearity\": \"sinh\")");
        }
        var specs = network.Layers.Select(l => l.Tiles.Select(t => TileCircuit.Spec(t, network.Spec)).ToArray()).ToArray();
        if (!specs.SelectMany(s => s).All(SinhCrossbarBlockSolver.Supports))
        {
            throw new BmcnnException("the blocked-solver check needs resistive row and column wires (rWireRow, rWireColumn > 0)");
        }
        var blocked = specs.Select(s => s.Select(t => new SinhCrossbarBlockSolver(t)).ToArray()).ToArray();
        var single = specs.Select(s => s.Select(t => new SinhCrossbarSolver(t)).ToArray()).ToArray();
        var converged = specs.Select(s => s.Select(t => new SinhCrossbarSolver(t)
        {
            Tolerance = ConvergedTolerance,
            MaxSweeps = 20_000,
        }).ToArray()).ToArray();
        var totals = new Totals();
        for (var image = 0; image < images; image++)
        {
            var inputs = LayerInputs(network, pixels.AsSpan(image * imageSize, imageSize));
            for (var l = 0; l < network.Layers.Count; l++)
            {
                var layer = network.Layers[l];
                for (var t = 0; t < layer.Tiles.Count; t++)
                {
                    CompareTile(network, layer, t, inputs[l], blocked[l][t], single[l][t], converged[l][t],
                        image < sparseImages ? specs[l][t] : null, totals);
                }
            }
            progress?.WriteLine($"image {image}: {totals.Vectors} tile vectors so far, worst vs per-vector chain {totals.WorstChain:E2}"
                + $", vs converged {totals.WorstConverged:E2}"
                + (image < sparseImages ? $", vs sparse Newton {totals.WorstSparse:E2}" : ""));
        }
        var batch = pixels.AsSpan(0, images * imageSize).ToArray();
        var start = Cpu();
        var fast = new InferencePipeline(network.Model, new CircuitKernels(network, 1), threads: 1).Predict(batch, images);
        var fastSeconds = Cpu() - start;
        start = Cpu();
        var slow = new InferencePipeline(network.Model, new CircuitKernels(network, 1) { BlockedSinh = false }, threads: 1)
            .Predict(batch, images);
        var slowSeconds = Cpu() - start;
        return new SinhBlockCheckReport(images, totals.Vectors, totals.WorstChain, totals.SparseVectors,
            totals.SparseVectors > 0 ? totals.WorstSparse : double.NaN, totals.BlockedSeconds, totals.ChainSeconds, totals.SparseSeconds,
            fast, slow, fastSeconds, slowSeconds)
        {
            WorstVsConverged = totals.WorstConverged,
            ChainVsConverged = totals.ChainVsConverged,
        };
    }

    private static void CompareTile(MappedNetwork network, MappedLayer layer, int t, float[] inputs, SinhCrossbarBlockSolver blocked,
        SinhCrossbarSolver single, SinhCrossbarSolver converged, CrossbarSpec? sparse, Totals totals)
    {
        const int lanes = SinhCrossbarBlockSolver.Lanes;
        var tile = layer.Tiles[t];
        int rows = layer.Plan.Rows, positions = inputs.Length / rows, m = tile.RowCount, n = tile.Columns;
        var vectors = new List<double[]>();
        for (var p = 0; p < positions; p++)
        {
            var volts = new double[m];
            for (var i = 0; i < m; i++) volts[i] = network.Spec.VRead * inputs[p * rows + tile.RowStart + i];
            if (volts.AsSpan().ContainsAnyExcept(0.0)) vectors.Add(volts);
        }
        var fast = new double[vectors.Count][];
        var laneVolts = new double[m * lanes];
        var laneCurrents = new double[n * lanes];
        var start = Cpu();
        for (var v0 = 0; v0 < vectors.Count; v0 += lanes)
        {
            Array.Clear(laneVolts);
            for (var l = 0; l < lanes && v0 + l < vectors.Count; l++)
            {
                for (var i = 0; i < m; i++) laneVolts[i * lanes + l] = vectors[v0 + l][i];
            }
            Solve(() => blocked.Solve(laneVolts, laneCurrents), layer, t);
            for (var l = 0; l < lanes && v0 + l < vectors.Count; l++)
            {
                fast[v0 + l] = new double[n];
                for (var j = 0; j < n; j++) fast[v0 + l][j] = laneCurrents[j * lanes + l];
            }
        }
        totals.BlockedSeconds += Cpu() - start;
        var references = new double[vectors.Count][];
        start = Cpu();
        for (var v = 0; v < vectors.Count; v++)
        {
            var reference = references[v] = new double[n];
            Solve(() => single.Solve(vectors[v], reference), layer, t);
            totals.WorstChain = Math.Max(totals.WorstChain, TileCrosscheck.MaxRelative(fast[v], reference));
        }
        totals.ChainSeconds += Cpu() - start;
        var exact = new double[n];
        for (var v = 0; v < vectors.Count; v++)
        {
            var reference = references[v];
            Solve(() => converged.Solve(vectors[v], exact), layer, t);
            totals.WorstConverged = Math.Max(totals.WorstConverged, TileCrosscheck.MaxRelative(fast[v], exact));
            totals.ChainVsConverged = Math.Max(totals.ChainVsConverged, TileCrosscheck.MaxRelative(reference, exact));
        }
        totals.Vectors += vectors.Count;
        if (sparse is null || vectors.Count == 0) return;
        start = Cpu();
        var crossbar = Crossbar.Build(sparse, vectors[0]);
        foreach (var (volts, v) in vectors.Select((volts, v) => (volts, v)))
        {
            totals.WorstSparse = Math.Max(totals.WorstSparse, TileCrosscheck.MaxRelative(fast[v], crossbar.ColumnCurrents(volts)));
        }
        totals.SparseSeconds += Cpu() - start;
        totals.SparseVectors += vectors.Count;
    }

    private static void Solve(Func<int> solve, MappedLayer layer, int t)
    {
        try
        {
            solve();
        }
        catch (BmcnnException e)
        {
            throw new BmcnnException($"layer {layer.Name} tile {t}: {e.Message}", e);
        }
    }

    // Every mapped layer's input vectors for one image, from one circuit-mode pass.
    private static float[][] LayerInputs(MappedNetwork network, ReadOnlySpan<byte> image)
    {
        var recorder = new RecordingKernels(network);
        new InferencePipeline(network.Model, recorder, threads: 1).Predict(image.ToArray(), 1);
        return network.Layers.Select(l => recorder.Recorded[l.Index]).ToArray();
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>
    /// Node tolerance of the converged reference: the per-vector chain solver run 100× tighter than its default, so its
    /// own error (which at 2.5 Ω reaches ~5e-6 on nearly cancelling columns at the default) is far below the 1e-6 test.
    /// </summary>
    public const double ConvergedTolerance = 1e-13;

    private sealed class Totals
    {
        public long Vectors, SparseVectors;
        public double WorstChain, WorstSparse, WorstConverged, ChainVsConverged, BlockedSeconds, ChainSeconds, SparseSeconds;
    }

    private sealed class RecordingKernels(MappedNetwork network) : IWeightedSumFactory
    {
        private readonly CircuitKernels _circuit = new(network, 1);

        public Dictionary<int, float[]> Recorded { get; } = [];

        public string Mode => "circuit";

        public IWeightedSum Create(LayerBlock block) => new Recorder(_circuit.Create(block), block.Index, this);

        private sealed class Recorder(IWeightedSum inner, int index, RecordingKernels owner) : IWeightedSum
        {
            public WeightedLayer Layer => inner.Layer;

            public void Compute(float[] inputs, int count, float[] outputs)
            {
                owner.Recorded[index] = inputs.AsSpan(0, count * Layer.Rows).ToArray();
                inner.Compute(inputs, count, outputs);
            }
        }
    }
}
