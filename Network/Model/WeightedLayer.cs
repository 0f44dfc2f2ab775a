using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>
/// A layer with binary weights (±1), seen as a crossbar: <see cref="Rows"/> inputs (a conv layer's unrolled patch of
/// kernel·kernel·in-channels values, or a linear layer's input features) by <see cref="Columns"/> outputs.
/// </summary>
public abstract class WeightedLayer : ModelLayer
{
    /// <summary>Creates the layer with all weights +1 (or the given ones).</summary>
    protected WeightedLayer(string name, int rows, int columns, sbyte[]? weights) : base(name)
    {
        if (rows <= 0 || columns <= 0)
        {
            throw new BmcnnException($"layer {name}: sizes must be positive (rows {rows}, columns {columns})");
        }
        Rows = rows;
        Columns = columns;
        if (weights is null)
        {
            weights = new sbyte[rows * columns];
            Array.Fill(weights, (sbyte)1);
        }
        if (weights.Length != rows * columns)
        {
            throw new BmcnnException($"layer {name}: {weights.Length} weights, expected {rows}×{columns}");
        }
        foreach (var w in weights)
        {
            if (w != 1 && w != -1)
            {
                throw new BmcnnException($"layer {name}: weight {w} is not ±1");
            }
        }
        Weights = weights;
    }

    /// <summary>Inputs per output (crossbar rows).</summary>
    public int Rows { get; }

    /// <summary>Outputs (crossbar columns, neurons).</summary>
    public int Columns { get; }

    /// <summary>The weights, ±1, column after column: <c>Weights[column * Rows + row]</c>.</summary>
    public sbyte[] Weights { get; }

    /// <summary>The weight at a crossbar row (input) and column (output).</summary>
    public int Weight(int row, int column) => Weights[column * Rows + row];
}
