using System.Globalization;
using System.Text;
using System.Text.Json;
using Bmcnn.Circuit;
using Bmcnn.Mapping.Compile;

namespace Bmcnn.Mapping.Programming;

/// <summary>
/// Resistances of one physically programmed tile, as <c>bmcnn program --out</c> writes them and
/// <c>bmcnn eval --programmed</c> reads them: JSON <c>{"layer", "tile", "rows", "columns", "ohms": [row-major]}</c>
/// (layer null and tile −1 for a pattern that is not a model's).
/// </summary>
/// <param name="Layer">Layer name, or null.</param>
/// <param name="Tile">Tile index within the layer, or −1.</param>
/// <param name="Rows">Rows.</param>
/// <param name="Columns">Physical columns.</param>
/// <param name="Ohms">Device resistances, row-major.</param>
public sealed record PhysicalTileFile(string? Layer, int Tile, int Rows, int Columns, double[] Ohms)
{
    /// <summary>Writes the file atomically.</summary>
    public void Write(string path)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            if (Layer is null) writer.WriteNull("layer");
            else writer.WriteString("layer", Layer);
            writer.WriteNumber("tile", Tile);
            writer.WriteNumber("rows", Rows);
            writer.WriteNumber("columns", Columns);
            writer.WriteStartArray("ohms");
            foreach (var r in Ohms) writer.WriteNumberValue(r);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        AtomicFile.WriteText(path, Encoding.UTF8.GetString(stream.ToArray()) + "\n");
    }

    /// <summary>Reads a file; every mistake is a one-line <see cref="BmcnnException"/> naming the file and field.</summary>
    public static PhysicalTileFile Read(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new BmcnnException($"{path}: not JSON ({ex.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new BmcnnException($"{path}: expected a JSON object");
            JsonElement Field(string name) => root.TryGetProperty(name, out var value) ? value
                : throw new BmcnnException($"{path}: field '{name}' is missing");
            int Positive(string name) => Field(name).TryGetInt32(out var v) && v > 0 ? v
                : throw new BmcnnException($"{path}: field '{name}' must be a positive integer");
            var layerField = Field("layer");
            var layer = layerField.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => layerField.GetString(),
                _ => throw new BmcnnException($"{path}: field 'layer' must be a string or null"),
            };
            var tile = Field("tile").TryGetInt32(out var t) ? t : throw new BmcnnException($"{path}: field 'tile' must be an integer");
            var rows = Positive("rows");
            var columns = Positive("columns");
            var ohmsField = Field("ohms");
            if (ohmsField.ValueKind != JsonValueKind.Array || ohmsField.GetArrayLength() != rows * columns)
            {
                throw new BmcnnException($"{path}: field 'ohms' must be an array of rows × columns = {rows * columns} numbers");
            }
            var ohms = new double[rows * columns];
            var k = 0;
            foreach (var item in ohmsField.EnumerateArray())
            {
                if (!item.TryGetDouble(out var r) || !(r > 0) || double.IsInfinity(r))
                {
                    throw new BmcnnException($"{path}: field 'ohms' entry {k} must be a positive resistance");
                }
                ohms[k++] = r;
            }
            return new PhysicalTileFile(layer, tile, rows, columns, ohms);
        }
    }

    /// <summary>
    /// Replaces the conductances of the tile this file names in <paramref name="network"/> by the file's devices
    /// (conductance = 1/R; one device per cell); <paramref name="path"/> names the file in messages.
    /// </summary>
    /// <exception cref="BmcnnException">When the file names no model tile, or its size differs from the tile's.</exception>
    public void ApplyTo(MappedNetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (Layer is null)
        {
            throw new BmcnnException($"{path}: holds a pattern that is not a model tile (layer null); program one with --layer --tile");
        }
        if (network.Spec.Redundancy != 1) throw new BmcnnException($"{path}: a programmed tile holds one device per cell; use redundancy 1");
        var layer = network.Layer(Layer);
        if (Tile < 0 || Tile >= layer.Tiles.Count)
        {
            throw new BmcnnException($"{path}: layer {Layer} has tiles 0..{layer.Tiles.Count - 1}, not {Tile}");
        }
        var tile = layer.Tiles[Tile];
        if (tile.RowCount != Rows || tile.Columns != Columns || tile.Scheme != Devices.WeightScheme.Differential)
        {
            throw new BmcnnException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {Rows}×{Columns} does not match {Layer} tile {Tile} ({tile.RowCount}×{tile.Columns} {tile.Scheme})"));
        }
        for (var k = 0; k < Ohms.Length; k++)
        {
            tile.Conductances[k] = 1 / Ohms[k];
            if (tile.SquareSums is { } squares) squares[k] = 1 / (Ohms[k] * Ohms[k]);
        }
    }
}
