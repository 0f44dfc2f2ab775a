using Bmcnn.Circuit;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Analog;

/// <summary>
/// The real inputs of one tile: runs an image through the programmed network up to a layer (earlier layers in the
/// chosen mode) and returns the voltages that layer's input vector puts on a tile's rows.
/// </summary>
public static class TileProbe
{
    /// <summary>
    /// The input vectors (positions × rows, in input units: pixel level or ±1) that <paramref name="image"/> (8-bit
    /// pixels) produces at block <paramref name="blockIndex"/>, with the earlier layers computed in
    /// <paramref name="upstream"/> mode on the programmed devices.
    /// </summary>
    public static float[] LayerInputs(MappedNetwork network, int blockIndex, ReadOnlySpan<byte> image, InferenceMode upstream = InferenceMode.Circuit)
    {
        ArgumentNullException.ThrowIfNull(network);
        var blocks = network.Model.Blocks;
        if (blockIndex < 0 || blockIndex >= blocks.Count) throw new BmcnnException($"no layer with index {blockIndex}");
        var factory = new RecordingKernels(network, blockIndex, upstream);
        var pipeline = new InferencePipeline(network.Model, factory, threads: 1);
        pipeline.Predict(image.ToArray(), 1);
        return factory.Recorded ?? throw new InvalidOperationException("the pipeline never reached the recorded layer");
    }

    /// <summary>The default position of a layer's input vector: the centre of a conv layer's output map, 0 for a linear layer.</summary>
    public static int CentrePosition(LayerBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return block.Output.Height / 2 * block.Output.Width + block.Output.Width / 2;
    }

    /// <summary>
    /// The row voltages of tile <paramref name="tile"/> of layer <paramref name="layer"/> for input vector
    /// <paramref name="position"/> (default: <see cref="CentrePosition"/>) of an image: v_read × input.
    /// </summary>
    public static double[] RowVolts(MappedNetwork network, string layer, int tile, ReadOnlySpan<byte> image, int? position = null,
        InferenceMode upstream = InferenceMode.Circuit)
    {
        ArgumentNullException.ThrowIfNull(network);
        var mapped = network.Layer(layer);
        if (tile < 0 || tile >= mapped.Tiles.Count)
        {
            throw new BmcnnException($"layer {layer} has tiles 0..{mapped.Tiles.Count - 1}, not {tile}");
        }
        var positions = mapped.Block.Positions;
        var p = position ?? CentrePosition(mapped.Block);
        if (p < 0 || p >= positions) throw new BmcnnException($"layer {layer} has input positions 0..{positions - 1}, not {p}");
        var inputs = LayerInputs(network, mapped.Index, image, upstream);
        var t = mapped.Tiles[tile];
        var volts = new double[t.RowCount];
        for (var i = 0; i < volts.Length; i++)
        {
            volts[i] = network.Spec.VRead * inputs[p * mapped.Plan.Rows + t.RowStart + i];
        }
        return volts;
    }

    private sealed class RecordingKernels(MappedNetwork network, int target, InferenceMode upstream) : IWeightedSumFactory
    {
        private readonly IWeightedSumFactory _upstream = upstream == InferenceMode.Circuit ? new CircuitKernels(network, 1)
            : new BehavioralKernels(network);
        private readonly IWeightedSumFactory _cheap = new SoftwareKernels();

        public float[]? Recorded { get; private set; }

        public string Mode => "probe";

        public IWeightedSum Create(LayerBlock block) =>
            block.Index < target ? _upstream.Create(block)
            : block.Index == target ? new Recorder(block.Weighted, this)
            : _cheap.Create(block);

        private sealed class Recorder(WeightedLayer layer, RecordingKernels owner) : IWeightedSum
        {
            public WeightedLayer Layer => layer;

            public void Compute(float[] inputs, int count, float[] outputs)
            {
                owner.Recorded ??= inputs.AsSpan(0, count * layer.Rows).ToArray();
                Array.Clear(outputs, 0, count * layer.Columns);
            }
        }
    }
}
