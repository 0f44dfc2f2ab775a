using System.Buffers;
using Bmcnn.Circuit.Crossbars;
using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Numerics;

namespace Bmcnn.Mapping.Analog;

/// <summary>
/// The array power of one mapped layer as quadratic forms of its input vector, one set per row block (the tiles of a
/// row block see the same inputs, so their forms add). Component c of a vector x (input units) draws
/// P_c = v_read²·xᵀ·Q_c·x watts. Components: <see cref="Delivered"/> (Σ V·I of the row drivers), <see cref="Devices"/>,
/// <see cref="Drivers"/> and <see cref="Terminations"/>; the wires take the rest. The diagonal is applied in double
/// precision and the off-diagonal coupling (zero for ideal wires) as one float32 GEMM per row block.
/// </summary>
public sealed class LayerPowerForms
{
    /// <summary>Number of components per vector.</summary>
    public const int Components = 4;

    /// <summary>Component index: power delivered by the row drivers.</summary>
    public const int Delivered = 0;

    /// <summary>Component index: dissipated in the devices.</summary>
    public const int Devices = 1;

    /// <summary>Component index: dissipated in the driver resistances.</summary>
    public const int Drivers = 2;

    /// <summary>Component index: dissipated in the sense resistors.</summary>
    public const int Terminations = 3;

    private readonly RowBlock[] _blocks;
    private readonly int _rows;
    private readonly double _vRead;
    private readonly Func<double, double>? _rowLaw;
    private readonly double[][] _moments;   // per row block: Σ over vectors of x·xᵀ (off-diagonal) and Σ x·h(x) (diagonal)
    private readonly Lock _gate = new();

    private LayerPowerForms(RowBlock[] blocks, int rows, double vRead, Func<double, double>? rowLaw)
    {
        _blocks = blocks;
        _rows = rows;
        _vRead = vRead;
        _rowLaw = rowLaw;
        _moments = blocks.Select(b => new double[b.Rows * b.Rows]).ToArray();
    }

    /// <summary>
    /// Adds <paramref name="count"/> input vectors to the second moment Σ x·xᵀ of each row block (one float32 XᵀX
    /// GEMM per block for the off-diagonal, double precision for the diagonal), from which <see cref="Joules"/> gives
    /// the total energy of every component: Σ_v xᵀ·Q·x = Σ Q ∘ (Σ_v x·xᵀ). Half the work of per-vector powers.
    /// </summary>
    public void Accumulate(float[] inputs, int count)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (var b = 0; b < _blocks.Length; b++)
        {
            var block = _blocks[b];
            var m = block.Rows;
            var diagonal = new double[m];
            for (var v = 0; v < count; v++)
            {
                var x = inputs.AsSpan(v * _rows + block.RowStart, m);
                for (var i = 0; i < m; i++)
                {
                    double xi = x[i];
                    diagonal[i] += xi * (_rowLaw is null ? xi : _rowLaw(xi));
                }
            }
            float[]? products = null;
            if (block.Coupled.Length > 0)
            {
                products = ArrayPool<float>.Shared.Rent(m * m);
                Sgemm.Multiply(true, false, m, m, count, inputs, block.RowStart, _rows, inputs, block.RowStart, _rows, products, 0, m, false, 1);
            }
            lock (_gate)
            {
                var moment = _moments[b];
                for (var i = 0; i < m; i++)
                {
                    moment[i * m + i] += diagonal[i];
                }
                if (products is not null)
                {
                    for (var e = 0; e < m * m; e++)
                    {
                        if (e % (m + 1) != 0) moment[e] += products[e];
                    }
                }
            }
            if (products is not null) ArrayPool<float>.Shared.Return(products);
        }
    }

    /// <summary>Total energy of component <paramref name="component"/> over every accumulated vector, for a read pulse of
    /// <paramref name="pulseSeconds"/>, joules.</summary>
    public double Joules(int component, double pulseSeconds)
    {
        var sum = 0.0;
        lock (_gate)
        {
            for (var b = 0; b < _blocks.Length; b++)
            {
                var block = _blocks[b];
                int m = block.Rows;
                var moment = _moments[b];
                for (var i = 0; i < m; i++) sum += block.Diagonal[component * m + i] * moment[i * m + i];
                var slot = Array.IndexOf(block.Coupled, component);
                if (slot < 0) continue;
                for (var k = 0; k < m; k++)
                {
                    for (var i = 0; i < m; i++)
                    {
                        if (i != k) sum += block.Off![(slot * m + k) * m + i] * moment[k * m + i];
                    }
                }
            }
        }
        return sum * _vRead * _vRead * pulseSeconds;
    }

    /// <summary>Forms from the tiles' circuit responses (index-aligned with <see cref="MappedLayer.Tiles"/>).</summary>
    public static LayerPowerForms FromCircuit(MappedLayer layer, IReadOnlyList<CrossbarResponse> responses, double vRead)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(responses);
        var blocks = new List<RowBlock>();
        foreach (var group in Enumerable.Range(0, layer.Tiles.Count).GroupBy(t => layer.Tiles[t].RowStart))
        {
            var m = layer.Tiles[group.First()].RowCount;
            var sums = new double[Components][];
            for (var c = 0; c < Components; c++) sums[c] = new double[m * m];
            foreach (var t in group)
            {
                var r = responses[t];
                double[][] parts = [r.Admittance, r.Devices, r.Drivers, r.Terminations];
                for (var c = 0; c < Components; c++)
                {
                    for (var e = 0; e < m * m; e++) sums[c][e] += parts[c][e];
                }
            }
            blocks.Add(RowBlock.From(group.Key, m, sums));
        }
        return new LayerPowerForms([.. blocks], layer.Plan.Rows, vRead, null);
    }

    /// <summary>
    /// Behavioral forms: no wires, every device sees its full row voltage against a virtual-ground column, so the
    /// power is Σ_i V_i·I_i with I_i = V_i·Σ_j G_ij (ohmic), or the sinh law's current at V_i.
    /// </summary>
    public static LayerPowerForms Behavioral(MappedLayer layer, DeviceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(spec);
        var rowSums = new double[layer.Plan.Rows];
        foreach (var tile in layer.Tiles)
        {
            for (var i = 0; i < tile.RowCount; i++)
            {
                for (var j = 0; j < tile.Columns; j++) rowSums[tile.RowStart + i] += tile.Conductances[i * tile.Columns + j];
            }
        }
        var diag = new double[Components * layer.Plan.Rows];
        for (var i = 0; i < rowSums.Length; i++)
        {
            diag[Delivered * rowSums.Length + i] = rowSums[i];
            diag[Devices * rowSums.Length + i] = rowSums[i];
        }
        Func<double, double>? law = null;
        if (spec.Nonlinearity == Nonlinearity.Sinh)
        {
            // Current per siemens of programmed conductance at input x, in units of v_read (calibrated at x = 1).
            var v = spec.VRead / spec.V0;
            var norm = Math.Sinh(v);
            law = x => Math.Sinh(x * v) / norm;
        }
        return new LayerPowerForms([new RowBlock(0, layer.Plan.Rows, diag, [], null)], layer.Plan.Rows, spec.VRead, law);
    }

    /// <summary>
    /// Writes the power components (watts) of <paramref name="count"/> input vectors (input units, rows floats each)
    /// to <paramref name="power"/>[v · <see cref="Components"/> + c].
    /// </summary>
    public void Evaluate(float[] inputs, int count, Span<double> power)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        power[..(count * Components)].Clear();
        var scale = _vRead * _vRead;
        foreach (var block in _blocks)
        {
            int m = block.Rows, width = block.Coupled.Length * m;
            float[]? coupled = null;
            if (width > 0)
            {
                coupled = ArrayPool<float>.Shared.Rent(count * width);
                Sgemm.Multiply(false, true, count, width, m, inputs, block.RowStart, _rows, block.Off!, 0, m, coupled, 0, width, false, 1);
            }
            for (var v = 0; v < count; v++)
            {
                var x = inputs.AsSpan(v * _rows + block.RowStart, m);
                for (var c = 0; c < Components; c++)
                {
                    var diag = block.Diagonal.AsSpan(c * m, m);
                    var slot = Array.IndexOf(block.Coupled, c);
                    var sum = 0.0;
                    for (var i = 0; i < m; i++)
                    {
                        double xi = x[i];
                        var current = diag[i] * (_rowLaw is null ? xi : _rowLaw(xi));
                        if (slot >= 0) current += coupled![v * width + slot * m + i];
                        sum += xi * current;
                    }
                    power[v * Components + c] += scale * sum;
                }
            }
            if (coupled is not null) ArrayPool<float>.Shared.Return(coupled);
        }
    }

    // One row block: diagonal per component (double); the off-diagonal parts of the components that have any
    // (zero for ideal wires, drivers and virtual-ground columns), stacked as (coupled · m) × m floats.
    private sealed record RowBlock(int RowStart, int Rows, double[] Diagonal, int[] Coupled, float[]? Off)
    {
        public static RowBlock From(int rowStart, int m, double[][] forms)
        {
            var diag = new double[Components * m];
            var coupled = new List<int>();
            for (var c = 0; c < Components; c++)
            {
                var any = false;
                for (var k = 0; k < m; k++)
                {
                    for (var i = 0; i < m; i++)
                    {
                        if (i == k) diag[c * m + i] = forms[c][k * m + i];
                        else any |= forms[c][k * m + i] != 0;
                    }
                }
                if (any) coupled.Add(c);
            }
            var off = coupled.Count == 0 ? null : new float[coupled.Count * m * m];
            for (var a = 0; a < coupled.Count; a++)
            {
                var form = forms[coupled[a]];
                for (var k = 0; k < m; k++)
                {
                    for (var i = 0; i < m; i++)
                    {
                        if (i != k) off![(a * m + k) * m + i] = (float)form[k * m + i];
                    }
                }
            }
            return new RowBlock(rowStart, m, diag, [.. coupled], off);
        }
    }
}
