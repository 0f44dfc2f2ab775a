using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>
/// A weighted layer seen as a crossbar: <see cref="Rows"/> inputs (a conv layer's unrolled patch of
/// kernel height·width·in-channels values, or a linear layer's input features) by <see cref="Columns"/> outputs.
/// Binary layers (±1 weights) go onto crossbars; a <see cref="Digital"/> layer keeps float weights and is computed
/// by the host (hybrid precision, typically the first or last layer of an imported network).
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
        Values = Array.ConvertAll(weights, w => (float)w);
    }

    /// <summary>Creates a digital layer with float weights (column after column, like <see cref="Weights"/>).</summary>
    protected WeightedLayer(string name, int rows, int columns, float[] values) : base(name)
    {
        if (rows <= 0 || columns <= 0)
        {
            throw new BmcnnException($"layer {name}: sizes must be positive (rows {rows}, columns {columns})");
        }
        if (values.Length != rows * columns)
        {
            throw new BmcnnException($"layer {name}: {values.Length} weights, expected {rows}×{columns}");
        }
        if (Array.Exists(values, v => !float.IsFinite(v)))
        {
            throw new BmcnnException($"layer {name}: a weight is not a finite number");
        }
        Rows = rows;
        Columns = columns;
        Values = values;
        Weights = Array.ConvertAll(values, v => v >= 0 ? (sbyte)1 : (sbyte)-1);
        Digital = true;
    }

    /// <summary>Inputs per output (crossbar rows).</summary>
    public int Rows { get; }

    /// <summary>Outputs (crossbar columns, neurons).</summary>
    public int Columns { get; }

    /// <summary>The weights, ±1, column after column: <c>Weights[column * Rows + row]</c> (a digital layer: their signs).</summary>
    public sbyte[] Weights { get; }

    /// <summary>The weights as floats, same order: ±1 for a binary layer, the real values for a digital one.</summary>
    public float[] Values { get; }

    /// <summary>True for a float-weight layer computed by the host, not mapped onto crossbars.</summary>
    public bool Digital { get; }

    /// <summary>The weight at a crossbar row (input) and column (output).</summary>
    public int Weight(int row, int column) => Weights[column * Rows + row];
}
