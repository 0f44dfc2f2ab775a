using Bmcnn.Circuit.Crossbars;
using Bmcnn.Circuit.Elements;
using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;

namespace Bmcnn.Mapping.Analog;

/// <summary>Turns a programmed tile into the circuit engine's crossbar description, with the spec's wires and periphery.</summary>
public static class TileCircuit
{
    /// <summary>
    /// The crossbar of <paramref name="tile"/>: its cell conductances (ohmic devices) or, for the sinh law, each
    /// cell's law calibrated so the cell reads its programmed conductance at v_read (k devices in parallel share V0,
    /// so their sinh laws add into one).
    /// </summary>
    public static CrossbarSpec Spec(ProgrammedTile tile, DeviceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(tile);
        ArgumentNullException.ThrowIfNull(spec);
        int rows = tile.RowCount, columns = tile.Columns;
        var crossbar = new CrossbarSpec
        {
            RowWireOhms = spec.RWireRow,
            ColumnWireOhms = spec.RWireColumn,
            DriverOhms = spec.RDriver,
            ColumnTermination = spec.Termination == Termination.VirtualGround ? ColumnTermination.VirtualGround : ColumnTermination.SenseResistor,
            SenseOhms = spec.RSense,
        };
        if (spec.Nonlinearity == Nonlinearity.Ohmic)
        {
            var g = new double[rows, columns];
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < columns; j++)
                {
                    g[i, j] = tile.Conductances[i * columns + j];
                }
            }
            return crossbar with { Conductances = g };
        }
        var laws = new ICurrentLaw?[rows, columns];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                laws[i, j] = SinhLaw.Calibrated(1 / tile.Conductances[i * columns + j], spec.VRead, spec.V0);
            }
        }
        return crossbar with { Laws = laws };
    }

    /// <summary>The crossbar of a tile driven by the given row voltages (one per tile row).</summary>
    public static Crossbar Build(ProgrammedTile tile, DeviceSpec spec, ReadOnlySpan<double> rowVolts) =>
        Crossbar.Build(Spec(tile, spec), rowVolts);

    /// <summary>The tile's transfer matrix (rows × physical columns, A/V, row-major); ohmic devices only.</summary>
    public static double[] TransferMatrix(ProgrammedTile tile, DeviceSpec spec)
    {
        var matrix = Build(tile, spec, new double[tile.RowCount]).TransferMatrix();
        var flat = new double[matrix.Length];
        Buffer.BlockCopy(matrix, 0, flat, 0, matrix.Length * sizeof(double));
        return flat;
    }

    /// <summary>The tile's transfer matrix and power forms from one factorization; ohmic devices only.</summary>
    public static CrossbarResponse Response(ProgrammedTile tile, DeviceSpec spec) =>
        Build(tile, spec, new double[tile.RowCount]).Response();

    /// <summary>A transfer matrix (rows × physical columns) as a flat row-major array.</summary>
    public static double[] Flatten(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var flat = new double[matrix.Length];
        Buffer.BlockCopy(matrix, 0, flat, 0, matrix.Length * sizeof(double));
        return flat;
    }
}
