using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Crossbars;

/// <summary>
/// An M×N crossbar tile: one device per crosspoint between row i and column j, given either as ohmic conductances
/// (<see cref="Conductances"/>; 0 = no device) or as nonlinear I–V laws (<see cref="Laws"/>; null = no device), with
/// per-segment wire resistance on rows and columns, a driver resistance per row and a column termination.
/// A resistance of 0 means an ideal connection: the nodes are merged, never a zero-ohm resistor.
/// </summary>
public sealed record CrossbarSpec
{
    /// <summary>Ohmic device conductances in siemens, rows × columns; 0 leaves the crosspoint open.</summary>
    public double[,]? Conductances { get; init; }

    /// <summary>Nonlinear device laws (current from row to column), rows × columns; null leaves the crosspoint open.</summary>
    public ICurrentLaw?[,]? Laws { get; init; }

    /// <summary>Resistance of each row wire segment between adjacent crosspoints, in ohms (0 = ideal wire).</summary>
    public double RowWireOhms { get; init; }

    /// <summary>Resistance of each column wire segment between adjacent crosspoints, in ohms (0 = ideal wire).</summary>
    public double ColumnWireOhms { get; init; }

    /// <summary>Output resistance of each row driver, in ohms (0 = ideal driver).</summary>
    public double DriverOhms { get; init; }

    /// <summary>The column termination.</summary>
    public ColumnTermination ColumnTermination { get; init; } = ColumnTermination.VirtualGround;

    /// <summary>Sense resistance in ohms, used with <see cref="ColumnTermination.SenseResistor"/>.</summary>
    public double SenseOhms { get; init; }

    /// <summary>Number of rows (inputs).</summary>
    public int Rows => Conductances?.GetLength(0) ?? Laws?.GetLength(0) ?? 0;

    /// <summary>Number of columns (outputs).</summary>
    public int Columns => Conductances?.GetLength(1) ?? Laws?.GetLength(1) ?? 0;

    /// <summary>True when every device is ohmic, so the tile is a linear map from inputs to column currents.</summary>
    public bool IsOhmic => Conductances is not null;

    /// <summary>Checks the specification; throws <see cref="BmcnnException"/> naming the bad field.</summary>
    public void Validate()
    {
        if ((Conductances is null) == (Laws is null))
        {
            throw new BmcnnException("crossbar: give exactly one of conductances or device laws");
        }
        if (Rows < 1 || Columns < 1)
        {
            throw new BmcnnException($"crossbar: needs at least one row and one column, got {Rows}×{Columns}");
        }
        NonNegative(RowWireOhms, "row wire resistance");
        NonNegative(ColumnWireOhms, "column wire resistance");
        NonNegative(DriverOhms, "driver resistance");
        if (!Enum.IsDefined(ColumnTermination))
        {
            throw new BmcnnException($"crossbar: unknown column termination {ColumnTermination}");
        }
        if (ColumnTermination == ColumnTermination.SenseResistor && !(SenseOhms > 0 && double.IsFinite(SenseOhms)))
        {
            throw new BmcnnException($"crossbar: sense resistance must be positive, got {SenseOhms}");
        }
        if (Conductances is { } g)
        {
            for (var i = 0; i < Rows; i++)
            {
                for (var j = 0; j < Columns; j++)
                {
                    if (!double.IsFinite(g[i, j]))
                    {
                        throw new BmcnnException($"crossbar: conductance [{i},{j}] must be finite, got {g[i, j]}");
                    }
                }
            }
        }
    }

    private static void NonNegative(double value, string field)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new BmcnnException($"crossbar: {field} must be a non-negative number of ohms, got {value}");
        }
    }
}
