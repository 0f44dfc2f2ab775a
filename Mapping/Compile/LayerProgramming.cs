using Bmcnn.Circuit;
using Bmcnn.Devices;

namespace Bmcnn.Mapping.Compile;

/// <summary>
/// Programs a layer's tiles: every physical device is drawn from the device spec by a <see cref="DeviceSampler"/>,
/// from a random stream derived from (seed, layer, tile), so a tile's devices depend only on the seed and its
/// position, never on thread scheduling. Within a tile, devices are drawn row by row, column by column, the k
/// redundant devices of a cell in turn (a reference cell: k ON devices, then k OFF devices).
/// </summary>
public static class LayerProgramming
{
    /// <summary>
    /// Programs all tiles of a layer whose ±1 weights are stored column after column (<c>weights[neuron * rows + row]</c>);
    /// neurons whose <paramref name="flipped"/> flag is set are programmed with negated weights (the sign flip of a
    /// negative batch-norm scale, folded into the crossbar so every comparator works the same way round).
    /// </summary>
    public static ProgrammedTile[] Program(TilePlan plan, int layerIndex, ReadOnlySpan<sbyte> weights, IReadOnlyList<bool> flipped,
        DeviceSampler sampler, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sampler);
        if (weights.Length != plan.Rows * plan.Neurons) throw new ArgumentException("weights do not match the plan", nameof(weights));
        var w = weights.ToArray();
        var tiles = new ProgrammedTile[plan.TileCount];
        var keepSquares = sampler.Spec.ReadNoiseSigma > 0;
        Parallel.For(0, plan.TileCount, t => tiles[t] = ProgramTile(plan, layerIndex, t, w, flipped, sampler, seed, keepSquares));
        return tiles;
    }

    private static ProgrammedTile ProgramTile(TilePlan plan, int layerIndex, int tile, sbyte[] weights, IReadOnlyList<bool> flipped,
        DeviceSampler sampler, ulong seed, bool keepSquares)
    {
        var (rowStart, rowCount, neuronStart, neuronCount) = plan.Bounds(tile);
        var differential = plan.Scheme == WeightScheme.Differential;
        var columns = plan.PhysicalColumns(neuronCount);
        var g = new double[rowCount * columns];
        var squares = keepSquares ? new double[g.Length] : null;
        var random = RandomStream.For(seed, layerIndex, tile);
        var k = sampler.Spec.Redundancy;
        for (var i = 0; i < rowCount; i++)
        {
            var row = rowStart + i;
            for (var j = 0; j < neuronCount; j++)
            {
                var neuron = neuronStart + j;
                var positive = weights[neuron * plan.Rows + row] > 0 != flipped[neuron];
                if (differential)
                {
                    Cell(i * columns + 2 * j, positive, positive);
                    Cell(i * columns + 2 * j + 1, !positive, !positive);
                }
                else
                {
                    Cell(i * columns + j, positive, positive);
                }
            }
            if (!differential)
            {
                Cell(i * columns + neuronCount, true, false);
            }
        }
        return new ProgrammedTile(plan.Layer, tile, rowStart, rowCount, neuronStart, neuronCount, plan.Scheme, g, squares);

        // k devices in the first state, then (for a reference cell) k in the second; a plain cell has both the same.
        void Cell(int index, bool first, bool second)
        {
            double sum = 0, sumSquares = 0;
            for (var d = 0; d < k; d++)
            {
                var c = 1 / sampler.Resistance(first, ref random);
                sum += c;
                sumSquares += c * c;
            }
            if (first != second)
            {
                for (var d = 0; d < k; d++)
                {
                    var c = 1 / sampler.Resistance(second, ref random);
                    sum += c;
                    sumSquares += c * c;
                }
            }
            g[index] = sum;
            if (squares is not null) squares[index] = sumSquares;
        }
    }
}
