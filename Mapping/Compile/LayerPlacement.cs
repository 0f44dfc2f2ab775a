using System.Globalization;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Compile;

/// <summary>
/// Where one weighted layer of a compiled network runs: on crossbar tiles (with their count and physical devices,
/// redundancy and the reference column included) or digitally on the host (a float-weight layer of a hybrid model).
/// </summary>
/// <param name="Layer">Layer name.</param>
/// <param name="OnCrossbars">False for a digital (host-computed) layer.</param>
/// <param name="Tiles">Tiles the layer occupies (0 when digital).</param>
/// <param name="Devices">Physical devices programmed for it (0 when digital).</param>
public sealed record LayerPlacement(string Layer, bool OnCrossbars, int Tiles, long Devices)
{
    /// <summary>One placement per weighted layer of the network's model, in order.</summary>
    public static IReadOnlyList<LayerPlacement> Of(MappedNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var k = network.Spec.Redundancy;
        return network.Model.Blocks.Select(block =>
        {
            var mapped = network.ForBlock(block.Index);
            return mapped is null
                ? new LayerPlacement(block.Weighted.Name, false, 0, 0)
                : new LayerPlacement(mapped.Name, true, mapped.Tiles.Count, mapped.Tiles.Sum(t => DeviceCount(t, k)));
        }).ToList();
    }

    // A reference cell holds K ON and K OFF devices, every other cell K.
    private static long DeviceCount(ProgrammedTile tile, int k) =>
        (long)tile.RowCount * k * (tile.Columns + (tile.Scheme == Bmcnn.Devices.WeightScheme.Reference ? 1 : 0));

    /// <summary>A one-line summary, e.g. "conv1 digital (host), conv2 crossbar 7 tiles 102,400 devices, ...".</summary>
    public static string Summary(IEnumerable<LayerPlacement> placements) =>
        string.Join(", ", placements.Select(p => p.ToString()));

    /// <inheritdoc />
    public override string ToString() => OnCrossbars
        ? string.Create(CultureInfo.InvariantCulture, $"{Layer} crossbar {Tiles} tiles {Devices:N0} devices")
        : $"{Layer} digital (host)";
}
