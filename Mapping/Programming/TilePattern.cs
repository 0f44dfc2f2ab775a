using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;

namespace Bmcnn.Mapping.Programming;

/// <summary>
/// The binary pattern one tile of a compiled network stores (row-major, true = R_ON), in the cell order of
/// <see cref="LayerProgramming"/>: differential pairs, column 2j holding the weight's sign (negated for a neuron whose
/// batch-norm scale is negative) and column 2j + 1 its opposite.
/// </summary>
public static class TilePattern
{
    /// <summary>The pattern of tile <paramref name="tile"/> of layer <paramref name="layer"/>, with its size.</summary>
    /// <exception cref="BmcnnException">When the layer or tile does not exist, or the tile is not differential with one device per cell.</exception>
    public static (bool[] TargetOn, int Rows, int Columns) Of(MappedNetwork network, string layer, int tile)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Spec.Scheme != WeightScheme.Differential || network.Spec.Redundancy != 1)
        {
            throw new BmcnnException("program: a model tile needs the differential scheme with one device per cell (redundancy 1)");
        }
        var mapped = network.Layer(layer);
        if (tile < 0 || tile >= mapped.Tiles.Count)
        {
            throw new BmcnnException($"--tile: layer {layer} has tiles 0..{mapped.Tiles.Count - 1}, not {tile}");
        }
        var programmed = mapped.Tiles[tile];
        var weights = mapped.Block.Weighted.Weights;
        var rows = programmed.RowCount;
        var columns = programmed.Columns;
        var target = new bool[rows * columns];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < programmed.NeuronCount; j++)
            {
                var neuron = programmed.NeuronStart + j;
                var flipped = neuron < mapped.Thresholds.Count && mapped.Thresholds[neuron].Inverted;
                var positive = weights[neuron * mapped.Plan.Rows + programmed.RowStart + i] > 0 != flipped;
                target[i * columns + 2 * j] = positive;
                target[i * columns + 2 * j + 1] = !positive;
            }
        }
        return (target, rows, columns);
    }
}
