using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;
using Bmcnn.Mapping.Programming;
using Bmcnn.Network.Model;

namespace Bmcnn.Tests.Mapping.Programming;

public class PhysicalTileFileTests
{
    [Fact]
    public void When_a_programmed_tile_is_applied_Expect_its_conductances_in_the_network()
    {
        var network = MappedNetwork.Program(DefaultModel.Load(), new DeviceSpec(), 1);
        var (target, rows, columns) = TilePattern.Of(network, "fc2", 1);
        var tile = network.Layer("fc2").Tiles[1];
        // The pattern is what open-loop programming stored: ON where the tile holds G_ON.
        for (var k = 0; k < target.Length; k++) Assert.Equal(target[k] ? 1e-4 : 1e-5, tile.Conductances[k], 12);
        var ohms = target.Select(on => on ? 11e3 : 95e3).ToArray();
        var path = Path.Combine(Directory.CreateTempSubdirectory("bmcnn-tile-").FullName, "tile.json");
        new PhysicalTileFile("fc2", 1, rows, columns, ohms).Write(path);
        PhysicalTileFile.Read(path).ApplyTo(network, path);
        Assert.Equal(1 / ohms[0], tile.Conductances[0], 15);
        Assert.Equal(1 / ohms[^1], tile.Conductances[^1], 15);
    }

    [Fact]
    public void When_the_file_does_not_match_the_tile_Expect_a_one_line_error_naming_the_file()
    {
        var network = MappedNetwork.Program(DefaultModel.Load(), new DeviceSpec(), 1);
        var path = Path.Combine(Directory.CreateTempSubdirectory("bmcnn-tile-").FullName, "tile.json");
        new PhysicalTileFile("fc2", 1, 2, 2, [1e4, 1e4, 1e4, 1e4]).Write(path);
        var ex = Assert.Throws<BmcnnException>(() => PhysicalTileFile.Read(path).ApplyTo(network, path));
        Assert.StartsWith($"{path}: 2×2 does not match fc2 tile 1", ex.Message);
        File.WriteAllText(path, """{"layer":"fc2","tile":1,"rows":1,"columns":2,"ohms":[1e4,-3]}""");
        Assert.Contains("'ohms' entry 1", Assert.Throws<BmcnnException>(() => PhysicalTileFile.Read(path)).Message);
        var unknown = Assert.Throws<BmcnnException>(() => TilePattern.Of(network, "fc9", 0));
        Assert.Contains("no weighted layer 'fc9'", unknown.Message);
    }
}
