using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Netlists;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Mapping.Analog;

public class TileExportTests
{
    private static readonly DeviceSpec Wired = DevicePresets.Rram.Spec with
    {
        SigmaOn = 0.3,
        SigmaOff = 0.3,
        RWireRow = 2.5,
        RWireColumn = 2.5,
        TileRows = 32,
        TileColumns = 16,
    };

    [SkippableFact]
    public void When_first_layer_tile_is_probed_Expect_pixel_voltages_of_the_centre_patch()
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var network = MappedNetwork.Program(RandomNetworks.Lenet(31, c1: 4, c2: 8, f1: 24), Wired, 2);
        var image = test!.Pixels.AsSpan(3 * 784, 784);
        var volts = TileProbe.RowVolts(network, "conv1", 0, image);
        var levels = network.PixelLevels();
        // Centre of the 24×24 output map is (12, 12); its patch starts at pixel (12, 12); row = ky·5 + kx.
        var tile = network.Layer("conv1").Tiles[0];
        for (var i = 0; i < tile.RowCount; i++)
        {
            var row = tile.RowStart + i;
            var expected = Wired.VRead * levels[image[(12 + row / 5) * 28 + 12 + row % 5]];
            Assert.Equal(expected, volts[i], 12);
        }
        Assert.Contains(volts, v => v > 0);
    }

    [SkippableFact]
    public void When_real_tile_is_exported_Expect_ngspice_to_agree_within_1e_6()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, "ngspice is not installed (apt-get install -y ngspice)");
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var network = MappedNetwork.Program(RandomNetworks.Lenet(32, c1: 4, c2: 8, f1: 24), Wired with { RDriver = 10 }, 4);
        foreach (var (layer, tile) in new[] { ("conv2", 1), ("fc1", 0) })
        {
            var volts = TileProbe.RowVolts(network, layer, tile, test!.Pixels.AsSpan(0, 784));
            var result = TileCrosscheck.Run(network, network.Layer(layer).Tiles[tile], 0, volts, ngspice: true);
            Assert.True(result.Ngspice <= 1e-6, $"{layer} tile {tile}: ngspice differs by {result.Ngspice:E2}");
            Assert.True(result.Transfer <= 1e-9, $"{layer} tile {tile}: transfer matrix differs by {result.Transfer:E2}");
            Assert.True(result.IrDrop > 1e-6, "wires of 2.5 Ω must cause a visible IR drop");
        }
    }
}
