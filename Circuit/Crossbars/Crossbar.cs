using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Crossbars;

/// <summary>
/// A crossbar tile built as a circuit. Node names: row wire nodes <c>r&lt;i&gt;_&lt;j&gt;</c> and column wire nodes
/// <c>c&lt;i&gt;_&lt;j&gt;</c> at crosspoint (i, j), merged into <c>r&lt;i&gt;</c> / <c>c&lt;j&gt;</c> when wires are
/// ideal; driver outputs <c>in&lt;i&gt;</c> (the row node itself when the driver is ideal). Elements: devices
/// <c>rx&lt;i&gt;_&lt;j&gt;</c> (ohmic) or <c>bx&lt;i&gt;_&lt;j&gt;</c> (nonlinear), row wire segments
/// <c>rwr&lt;i&gt;_&lt;j&gt;</c> (between columns j and j+1), column wire segments <c>rwc&lt;i&gt;_&lt;j&gt;</c> (between rows i
/// and i+1), drivers <c>vin&lt;i&gt;</c> with <c>rdrv&lt;i&gt;</c>, terminations <c>vcol&lt;j&gt;</c> or <c>rsense&lt;j&gt;</c>.
/// Drivers sit at the column-0 end of each row; terminations at the last-row end of each column.
/// </summary>
public sealed partial class Crossbar
{
    private readonly string[] _inputSources;
    private readonly string[] _terminations;
    private readonly string[] _columnEnds;
    private DcOperatingPoint? _dc;
    private double[]? _solution;

    private Crossbar(CrossbarSpec spec, Netlist netlist, string[] inputSources, string[] terminations, string[] columnEnds)
    {
        Spec = spec;
        Netlist = netlist;
        _inputSources = inputSources;
        _terminations = terminations;
        _columnEnds = columnEnds;
    }

    /// <summary>The specification the tile was built from.</summary>
    public CrossbarSpec Spec { get; }

    /// <summary>The tile's circuit.</summary>
    public Netlist Netlist { get; }

    /// <summary>Number of rows (inputs).</summary>
    public int Rows => Spec.Rows;

    /// <summary>Number of columns (outputs).</summary>
    public int Columns => Spec.Columns;

    /// <summary>The input voltage source of each row (<c>vin&lt;i&gt;</c>).</summary>
    public IReadOnlyList<string> InputSources => _inputSources;

    /// <summary>The termination element of each column (<c>vcol&lt;j&gt;</c> or <c>rsense&lt;j&gt;</c>).</summary>
    public IReadOnlyList<string> ColumnTerminations => _terminations;

    /// <summary>The node at the terminated end of each column.</summary>
    public IReadOnlyList<string> ColumnEndNodes => _columnEnds;

    /// <summary>Builds the tile with the given row input voltages (one per row).</summary>
    /// <exception cref="BmcnnException">When the specification is invalid or the input count differs from the rows.</exception>
    public static Crossbar Build(CrossbarSpec spec, ReadOnlySpan<double> inputVolts)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        int m = spec.Rows, n = spec.Columns;
        if (inputVolts.Length != m)
        {
            throw new BmcnnException($"crossbar: {inputVolts.Length} input voltages for {m} rows");
        }
        var idealRows = spec.RowWireOhms == 0;
        var idealColumns = spec.ColumnWireOhms == 0;
        var rowNodes = new string[m, idealRows ? 1 : n];
        var columnNodes = new string[idealColumns ? 1 : m, n];
        for (var i = 0; i < rowNodes.GetLength(0); i++)
        {
            for (var j = 0; j < rowNodes.GetLength(1); j++)
            {
                rowNodes[i, j] = idealRows ? $"r{i}" : $"r{i}_{j}";
            }
        }
        for (var i = 0; i < columnNodes.GetLength(0); i++)
        {
            for (var j = 0; j < n; j++)
            {
                columnNodes[i, j] = idealColumns ? $"c{j}" : $"c{i}_{j}";
            }
        }
        string Row(int i, int j) => rowNodes[i, idealRows ? 0 : j];
        string Column(int i, int j) => columnNodes[idealColumns ? 0 : i, j];

        var netlist = new Netlist($"crossbar {m}x{n}");
        var inputs = new string[m];
        for (var i = 0; i < m; i++)
        {
            inputs[i] = $"vin{i}";
            if (spec.DriverOhms > 0)
            {
                netlist.Add(new VoltageSource(inputs[i], $"in{i}", "0", inputVolts[i]));
                netlist.Add(new Resistor($"rdrv{i}", $"in{i}", Row(i, 0), spec.DriverOhms));
            }
            else
            {
                netlist.Add(new VoltageSource(inputs[i], Row(i, 0), "0", inputVolts[i]));
            }
        }
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (spec.Conductances is { } g)
                {
                    if (g[i, j] != 0)
                    {
                        netlist.Add(new Resistor($"rx{i}_{j}", Row(i, j), Column(i, j), 1 / g[i, j]));
                    }
                }
                else if (spec.Laws![i, j] is { } law)
                {
                    netlist.Add(new NonlinearConductor($"bx{i}_{j}", Row(i, j), Column(i, j), law));
                }
            }
        }
        if (!idealRows)
        {
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j + 1 < n; j++)
                {
                    netlist.Add(new Resistor($"rwr{i}_{j}", Row(i, j), Row(i, j + 1), spec.RowWireOhms));
                }
            }
        }
        if (!idealColumns)
        {
            for (var j = 0; j < n; j++)
            {
                for (var i = 0; i + 1 < m; i++)
                {
                    netlist.Add(new Resistor($"rwc{i}_{j}", Column(i, j), Column(i + 1, j), spec.ColumnWireOhms));
                }
            }
        }
        var terminations = new string[n];
        var ends = new string[n];
        for (var j = 0; j < n; j++)
        {
            ends[j] = Column(m - 1, j);
            if (spec.ColumnTermination == ColumnTermination.VirtualGround)
            {
                terminations[j] = $"vcol{j}";
                netlist.Add(new VoltageSource(terminations[j], ends[j], "0", 0));
            }
            else
            {
                terminations[j] = $"rsense{j}";
                netlist.Add(new Resistor(terminations[j], ends[j], "0", spec.SenseOhms));
            }
        }
        return new Crossbar(spec, netlist, inputs, terminations, ends);
    }

    /// <summary>Solves the tile's DC operating point.</summary>
    public OperatingPoint Solve(DcOptions? options = null) =>
        options is null ? Compiled().Solve() : new DcOperatingPoint(Netlist, options).Solve();

    /// <summary>
    /// Drives the rows with new input voltages (the input sources of <see cref="Netlist"/> take these values) and
    /// returns the column currents. The circuit is compiled once per tile (pattern, ordering, pivots), so repeated
    /// calls cost only the Newton iterations; results do not depend on earlier calls. Not thread-safe: use one
    /// crossbar per thread.
    /// </summary>
    /// <exception cref="BmcnnException">When the input count differs from the rows, or Newton fails.</exception>
    public double[] ColumnCurrents(ReadOnlySpan<double> inputVolts)
    {
        if (inputVolts.Length != Rows)
        {
            throw new BmcnnException($"crossbar: {inputVolts.Length} input voltages for {Rows} rows");
        }
        for (var i = 0; i < Rows; i++)
        {
            ((VoltageSource)Netlist.Find(_inputSources[i])!).Voltage = inputVolts[i];
        }
        var dc = Compiled();
        var x = _solution ??= new double[dc.System.Size];
        dc.Solve(x);
        var currents = new double[Columns];
        for (var j = 0; j < currents.Length; j++)
        {
            currents[j] = Spec.ColumnTermination == ColumnTermination.VirtualGround
                ? x[dc.System.BranchIndex[_terminations[j]]]
                : x[dc.System.NodeIndex[_columnEnds[j]]] / Spec.SenseOhms;
        }
        return currents;
    }

    private DcOperatingPoint Compiled() => _dc ??= new DcOperatingPoint(Netlist);

    /// <summary>The current flowing out of column <paramref name="column"/> into its termination, in amperes.</summary>
    public double ColumnCurrent(OperatingPoint op, int column)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
        return Spec.ColumnTermination == ColumnTermination.VirtualGround
            ? op.Current(_terminations[column]) // current enters the 0 V source's plus terminal from the column
            : op.Voltage(_columnEnds[column]) / Spec.SenseOhms;
    }

    /// <summary>All column currents of an operating point.</summary>
    public double[] ColumnCurrents(OperatingPoint op)
    {
        var currents = new double[Columns];
        for (var j = 0; j < currents.Length; j++)
        {
            currents[j] = ColumnCurrent(op, j);
        }
        return currents;
    }

    /// <summary>
    /// The tile's linear map, rows (inputs) × columns (outputs), in amperes per volt: entry [i, j] is the current of
    /// column j when row i is driven with 1 V and every other row with 0 V. One factorization; then one solve per
    /// input or one transposed solve per output, whichever is fewer. Needs ohmic devices.
    /// </summary>
    /// <exception cref="BmcnnException">When the tile has nonlinear devices.</exception>
    public double[,] TransferMatrix()
    {
        if (!Spec.IsOhmic)
        {
            throw new BmcnnException("crossbar: the transfer matrix needs ohmic devices (this tile has nonlinear I-V laws)");
        }
        return Transfer(FactorLinear());
    }

    // The linear tile's MNA matrix, loaded once and factored.
    private Algebra.SparseLu FactorLinear()
    {
        var system = Compiled().System;
        system.Refresh();
        system.Load(new double[system.Size], 0, 0, new double[system.Size]);
        return system.Factor();
    }

    private double[,] Transfer(Algebra.SparseLu lu)
    {
        var system = Compiled().System;
        int m = Rows, n = Columns;
        var inputUnknowns = _inputSources.Select(s => system.BranchIndex[s]).ToArray();
        var outputUnknowns = Spec.ColumnTermination == ColumnTermination.VirtualGround
            ? _terminations.Select(s => system.BranchIndex[s]).ToArray()
            : _columnEnds.Select(node => system.NodeIndex[node]).ToArray();
        var outputScale = Spec.ColumnTermination == ColumnTermination.VirtualGround ? 1 : 1 / Spec.SenseOhms;
        var transfer = new double[m, n];
        var work = new double[system.Size];
        if (m <= n)
        {
            for (var i = 0; i < m; i++)
            {
                Array.Clear(work);
                work[inputUnknowns[i]] = 1; // the source row reads V(plus) − V(minus) = 1 V
                lu.Solve(work);
                for (var j = 0; j < n; j++)
                {
                    transfer[i, j] = outputScale * work[outputUnknowns[j]];
                }
            }
        }
        else
        {
            // Column current j = cᵀ·x with x = A⁻¹·b; so cᵀA⁻¹ = (A⁻ᵀc)ᵀ gives every input's weight in one solve.
            for (var j = 0; j < n; j++)
            {
                Array.Clear(work);
                work[outputUnknowns[j]] = outputScale;
                lu.SolveTransposed(work);
                for (var i = 0; i < m; i++)
                {
                    transfer[i, j] = work[inputUnknowns[i]];
                }
            }
        }
        return transfer;
    }
}
