using Bmcnn.Devices;

namespace Bmcnn.Mapping.Compile;

/// <summary>
/// One programmed crossbar tile: the conductance of every physical cell (the sum of its k redundant devices) and how
/// its physical columns combine into neuron currents. Neuron <c>j</c> of the tile reads
/// I_j = I[<see cref="PlusColumn"/>(j)] − <see cref="MinusScale"/>·I[<see cref="MinusColumn"/>(j)]: the two columns of a
/// differential pair (scale 1), or its own column against the shared reference column whose cells hold one ON and one
/// OFF device in parallel, weighted ½ by the sense amplifier's 2:1 current mirror.
/// </summary>
public sealed class ProgrammedTile
{
    /// <summary>Creates a tile from its programmed conductances (row-major, <paramref name="rowCount"/> × columns).</summary>
    public ProgrammedTile(string layer, int index, int rowStart, int rowCount, int neuronStart, int neuronCount,
        WeightScheme scheme, double[] conductances, double[]? squareSums = null)
    {
        Layer = layer;
        Index = index;
        RowStart = rowStart;
        RowCount = rowCount;
        NeuronStart = neuronStart;
        NeuronCount = neuronCount;
        Scheme = scheme;
        Columns = scheme == WeightScheme.Differential ? 2 * neuronCount : neuronCount + 1;
        if (conductances.Length != rowCount * Columns) throw new ArgumentException("conductance array does not match the tile size",
            nameof(conductances));
        Conductances = conductances;
        SquareSums = squareSums;
    }

    /// <summary>Layer name.</summary>
    public string Layer { get; }

    /// <summary>Tile index within the layer (row block · neuron blocks + neuron block).</summary>
    public int Index { get; }

    /// <summary>First layer row (input) this tile holds.</summary>
    public int RowStart { get; }

    /// <summary>Rows (inputs) in the tile.</summary>
    public int RowCount { get; }

    /// <summary>First layer neuron this tile serves.</summary>
    public int NeuronStart { get; }

    /// <summary>Neurons served.</summary>
    public int NeuronCount { get; }

    /// <summary>Signed-weight scheme.</summary>
    public WeightScheme Scheme { get; }

    /// <summary>Physical columns.</summary>
    public int Columns { get; }

    /// <summary>Conductance in siemens of cell (row, column): <c>Conductances[row * Columns + column]</c>.</summary>
    public double[] Conductances { get; }

    /// <summary>Per cell, the sum of its devices' squared conductances (for read noise), or null when not needed.</summary>
    public double[]? SquareSums { get; }

    /// <summary>Physical column carrying neuron <paramref name="j"/>'s positive current.</summary>
    public int PlusColumn(int j) => Scheme == WeightScheme.Differential ? 2 * j : j;

    /// <summary>Physical column subtracted from neuron <paramref name="j"/>'s current.</summary>
    public int MinusColumn(int j) => Scheme == WeightScheme.Differential ? 2 * j + 1 : NeuronCount;

    /// <summary>Weight of the subtracted column: 1 for a differential pair, ½ for the reference column.</summary>
    public double MinusScale => Scheme == WeightScheme.Differential ? 1.0 : 0.5;

    /// <summary>
    /// The neuron-level response of the tile: given a column response matrix (rows × physical columns; the
    /// conductances themselves for ideal wires, or the circuit's transfer matrix), adds each neuron's combined column
    /// into <paramref name="target"/>[(RowStart + i) · <paramref name="stride"/> + NeuronStart + j].
    /// </summary>
    public void AddNeuronResponse(ReadOnlySpan<double> response, Span<double> target, int stride, double scale = 1.0)
    {
        var minusScale = MinusScale;
        for (var i = 0; i < RowCount; i++)
        {
            var row = response.Slice(i * Columns, Columns);
            var baseIndex = (RowStart + i) * stride + NeuronStart;
            for (var j = 0; j < NeuronCount; j++)
            {
                target[baseIndex + j] += scale * (row[PlusColumn(j)] - minusScale * row[MinusColumn(j)]);
            }
        }
    }
}
