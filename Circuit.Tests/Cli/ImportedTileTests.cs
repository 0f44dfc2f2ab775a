using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Elements;
using Bmcnn.Netlists;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Cli;

/// <summary>A tile of an imported padded network, written by <c>netlist tile</c>, solved by our engine and by ngspice.</summary>
public class ImportedTileTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Network", "Exchange", "Fixtures", name);

    [SkippableFact]
    public void When_padded_tile_of_an_imported_network_is_exported_Expect_ngspice_to_agree_within_1e_6()
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, "ngspice is not installed (apt-get install -y ngspice)");
        Skip.If(RandomNetworks.MnistTest is null, "MNIST test set not found (set BMCNN_DATA)");
        string data = Environment.GetEnvironmentVariable("BMCNN_DATA") is { Length: > 0 } d && Directory.Exists(d) ? d : "/work/shared/data/mnist";
        var folder = Directory.CreateTempSubdirectory("bmcnn-imported-tile-");
        try
        {
            string model = Path.Combine(folder.FullName, "padded.bmcnn"), deck = Path.Combine(folder.FullName, "tile.cir");
            var import = SolveCommandTests.Run("import", "onnx", Fixture("padded-folded.onnx"), "--out", model);
            Assert.True(import.Code == 0, import.Error);
            // conv2 is a padded (1×1) stride-2 3×3 convolution; output position 0 is the top-left corner, whose window
            // reads five padded positions: their rows must be driven at 0 V.
            var tile = SolveCommandTests.Run("netlist", "tile", "--model", model, "--data", data, "--layer", "conv2", "--tile", "0",
                "--image", "0", "--position", "0", "--r-wire", "2.5", "--seed", "3", "--out", deck);
            Assert.True(tile.Code == 0, tile.Error);

            var netlist = SpiceReader.ReadFile(deck).Netlist;
            var inputs = netlist.Elements.OfType<VoltageSource>().Where(v => v.Name.StartsWith("vin", StringComparison.Ordinal)).ToList();
            Assert.Equal(72, inputs.Count);
            Assert.Equal(5 * 8, inputs.Count(v => v.Voltage == 0));
            Assert.Equal(32, inputs.Count(v => v.Voltage != 0));

            var ours = new DcOperatingPoint(netlist, new DcOptions()).Solve();
            var theirs = NgspiceRunner.RunFile(deck);
            foreach (var (node, volts) in ours.NodeVoltages)
            {
                var reference = theirs.NodeVoltages[node];
                Assert.True(Math.Abs(volts - reference) <= 1e-6 * Math.Abs(reference) + 1e-12, $"V({node}): ours {volts:R}, ngspice {reference:R}");
            }
            int columns = 0;
            foreach (var (source, amps) in ours.BranchCurrents)
            {
                var reference = theirs.BranchCurrents[source];
                Assert.True(Math.Abs(amps - reference) <= 1e-6 * Math.Abs(reference) + 1e-15, $"I({source}): ours {amps:R}, ngspice {reference:R}");
                columns += source.StartsWith("vcol", StringComparison.Ordinal) && Math.Abs(reference) > 1e-9 ? 1 : 0;
            }
            Assert.True(columns >= 16, "the column currents must be compared, and not be zero");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
