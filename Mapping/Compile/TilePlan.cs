using Bmcnn.Circuit;
using Bmcnn.Devices;

namespace Bmcnn.Mapping.Compile;

/// <summary>
/// How one weighted layer (rows = unrolled inputs, neurons = outputs) is cut into crossbar tiles of at most
/// <see cref="DeviceSpec.TileRows"/> × <see cref="DeviceSpec.TileColumns"/> physical devices. Rows and neurons are
/// split into near-equal blocks (sizes differ by at most one); tile <c>t</c> holds row block <c>t / NeuronTiles</c> and
/// neuron block <c>t % NeuronTiles</c>. A differential neuron takes two physical columns; in the reference scheme a
/// tile holds one column per neuron plus the shared reference column.
/// </summary>
public sealed class TilePlan
{
    /// <summary>Plans the tiles of a layer.</summary>
    /// <param name="layer">Layer name (for messages).</param>
    /// <param name="rows">Inputs per neuron (crossbar rows).</param>
    /// <param name="neurons">Neurons (outputs).</param>
    /// <param name="spec">Tile size and scheme.</param>
    /// <param name="kernelRows">Rows one input channel's kernel window takes (kernel·kernel; 1 for a linear layer):
    /// a tile must hold at least that many rows.</param>
    public TilePlan(string layer, int rows, int neurons, DeviceSpec spec, int kernelRows = 1)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (rows <= 0 || neurons <= 0) throw new BmcnnException($"layer {layer}: needs positive rows and neurons, got {rows}×{neurons}");
        if (spec.TileRows < kernelRows)
        {
            throw new BmcnnException($"device spec: field 'tileRows' ({spec.TileRows}) is smaller than layer {layer}'s kernel window ({kernelRows} " +
                $"rows)");
        }
        Layer = layer;
        Rows = rows;
        Neurons = neurons;
        Scheme = spec.Scheme;
        NeuronsPerTileMax = Scheme == WeightScheme.Differential ? spec.TileColumns / 2 : spec.TileColumns - 1;
        if (NeuronsPerTileMax < 1)
        {
            throw new BmcnnException($"device spec: field 'tileColumns' ({spec.TileColumns}) cannot hold one " +
                $"{Scheme.ToString().ToLowerInvariant()} neuron");
        }
        RowStarts = Split(rows, (rows + spec.TileRows - 1) / spec.TileRows);
        NeuronStarts = Split(neurons, (neurons + NeuronsPerTileMax - 1) / NeuronsPerTileMax);
    }

    /// <summary>Layer name.</summary>
    public string Layer { get; }

    /// <summary>Crossbar rows of the whole layer.</summary>
    public int Rows { get; }

    /// <summary>Neurons of the whole layer.</summary>
    public int Neurons { get; }

    /// <summary>Signed-weight scheme.</summary>
    public WeightScheme Scheme { get; }

    /// <summary>Most neurons one tile can hold.</summary>
    public int NeuronsPerTileMax { get; }

    /// <summary>First row of each row block, plus <see cref="Rows"/> at the end.</summary>
    public IReadOnlyList<int> RowStarts { get; }

    /// <summary>First neuron of each neuron block, plus <see cref="Neurons"/> at the end.</summary>
    public IReadOnlyList<int> NeuronStarts { get; }

    /// <summary>Number of row blocks (tiles whose partial currents are summed per neuron).</summary>
    public int RowTiles => RowStarts.Count - 1;

    /// <summary>Number of neuron blocks.</summary>
    public int NeuronTiles => NeuronStarts.Count - 1;

    /// <summary>Number of tiles.</summary>
    public int TileCount => RowTiles * NeuronTiles;

    /// <summary>Physical columns a tile with <paramref name="neurons"/> neurons uses.</summary>
    public int PhysicalColumns(int neurons) => Scheme == WeightScheme.Differential ? 2 * neurons : neurons + 1;

    /// <summary>The row and neuron ranges of tile <paramref name="tile"/>.</summary>
    public (int RowStart, int RowCount, int NeuronStart, int NeuronCount) Bounds(int tile)
    {
        if (tile < 0 || tile >= TileCount) throw new BmcnnException($"layer {Layer} has tiles 0..{TileCount - 1}, not {tile}");
        var r = tile / NeuronTiles;
        var n = tile % NeuronTiles;
        return (RowStarts[r], RowStarts[r + 1] - RowStarts[r], NeuronStarts[n], NeuronStarts[n + 1] - NeuronStarts[n]);
    }

    private static int[] Split(int total, int parts)
    {
        var starts = new int[parts + 1];
        var size = total / parts;
        var extra = total % parts;
        for (var p = 0; p < parts; p++)
        {
            starts[p + 1] = starts[p] + size + (p < extra ? 1 : 0);
        }
        return starts;
    }
}
