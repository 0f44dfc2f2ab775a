using System.Runtime.InteropServices;
using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;

namespace Bmcnn.Mapping.Analog;

/// <summary>
/// What decides an ohmic tile's transfer matrix: its conductances bit for bit (a private copy, so later changes to the
/// tile cannot alias the key), its shape, the wires, the driver and the termination; and whether power forms are wanted.
/// </summary>
internal sealed class TileKey : IEquatable<TileKey>
{
    private readonly long[] _conductanceBits;
    private readonly int _rows;
    private readonly int _columns;
    private readonly double _rowWire;
    private readonly double _columnWire;
    private readonly double _driver;
    private readonly double _sense;
    private readonly Termination _termination;
    private readonly bool _power;
    private readonly int _hash;

    private TileKey(ProgrammedTile tile, DeviceSpec spec, bool power)
    {
        _conductanceBits = MemoryMarshal.Cast<double, long>(tile.Conductances).ToArray();
        _rows = tile.RowCount;
        _columns = tile.Columns;
        _rowWire = spec.RWireRow;
        _columnWire = spec.RWireColumn;
        _driver = spec.RDriver;
        _termination = spec.Termination;
        _sense = spec.RSense;
        _power = power;
        var h = new HashCode();
        h.Add(_rows);
        h.Add(_columns);
        h.Add(_rowWire);
        h.Add(_columnWire);
        h.Add(_driver);
        h.Add(_sense);
        h.Add(_termination);
        h.Add(_power);
        h.AddBytes(MemoryMarshal.AsBytes(_conductanceBits.AsSpan()));
        _hash = h.ToHashCode();
    }

    /// <summary>Bytes the key holds.</summary>
    public long Bytes => 8L * _conductanceBits.Length + 96;

    /// <summary>The key of <paramref name="tile"/> under <paramref name="spec"/> (ohmic devices only).</summary>
    public static TileKey Of(ProgrammedTile tile, DeviceSpec spec, bool power)
    {
        if (spec.Nonlinearity != Nonlinearity.Ohmic)
        {
            throw new InvalidOperationException("transfer matrices exist for ohmic devices only");
        }
        return new TileKey(tile, spec, power);
    }

    /// <inheritdoc />
    public bool Equals(TileKey? other) =>
        other is not null && _hash == other._hash && _rows == other._rows && _columns == other._columns && _power == other._power
        && _termination == other._termination && Same(_rowWire, other._rowWire) && Same(_columnWire, other._columnWire)
        && Same(_driver, other._driver) && Same(_sense, other._sense) && _conductanceBits.AsSpan().SequenceEqual(other._conductanceBits);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TileKey);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
}
