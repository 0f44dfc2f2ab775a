using System.CommandLine;
using System.Globalization;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Netlists;
using Bmcnn.Network.Data;
using Bmcnn.Network.Model;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn netlist tile --layer NAME --tile I --image K [device options] --out FILE.cir</c> (the tile size is
/// <c>--tile-size RxC</c> here, since <c>--tile</c> is the tile index): one real programmed tile,
/// driven by the row voltages test image K produces at that layer (earlier layers in circuit mode on the same
/// programmed devices), with its wires, drivers and terminations, as a netlist that ngspice and <c>bmcnn solve</c> run.
/// </summary>
public static class NetlistTileCommand
{
    /// <summary>Creates the <c>tile</c> subcommand of <c>netlist</c>.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var layer = new Option<string>("--layer") { Description = "weighted layer name (conv1, conv2, fc1, fc2)", Required = true };
        var tile = new Option<int>("--tile") { Description = "tile index within the layer", Required = true };
        var image = new Option<int>("--image") { Description = "test image index", Required = true };
        var position = new Option<int?>("--position")
        {
            Description = "conv layers: output position whose input patch drives the rows (default: the centre)",
        };
        var dialect = new Option<SpiceDialect>("--dialect")
        {
            Description = "ngspice (checked), xyce or ltspice",
            DefaultValueFactory = _ => SpiceDialect.Ngspice,
        };
        var outPath = new Option<string>("--out") { Description = "netlist file to write", Required = true };
        var command = new Command("tile", "Write one real programmed tile of the mapped network, driven by a test image's voltages")
        {
            model, layer, tile, image, position, dialect, outPath,
        };
        var dataset = new DatasetOptions().AddTo(command);
        var device = new DeviceOptions("--tile-size").AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var spec = device.Spec(parse);
            var net = DefaultModel.LoadOrDefault(parse.GetValue(model));
            var layerName = parse.GetValue(layer)!;
            net.Layer(layerName); // refuse an unknown layer before loading data or drawing devices
            var test = dataset.Test(parse, output, (DatasetOptions.ModelLabel(parse.GetValue(model)), net));
            var k = parse.GetValue(image);
            if (k < 0 || k >= test.Count) throw new Circuit.BmcnnException($"--image: {k} is not a test image index (0..{test.Count - 1})");
            var network = MappedNetwork.Program(net, spec, device.Seed(parse));
            var index = parse.GetValue(tile);
            var pixels = test.Pixels.AsSpan(k * test.ImageSize, test.ImageSize);
            var volts = TileProbe.RowVolts(network, layerName, index, pixels, parse.GetValue(position));
            var programmed = network.Layer(layerName).Tiles[index];
            var crossbar = TileCircuit.Build(programmed, spec, volts);
            crossbar.Netlist.Title = string.Create(CultureInfo.InvariantCulture,
                $"bmcnn {layerName} tile {index} ({programmed.RowCount}x{programmed.Columns}, rows {programmed.RowStart}.., "
                + $"neurons {programmed.NeuronStart}..), test image {k}, seed {device.Seed(parse)}, {spec.Name}");
            var path = OptionValues.Path(parse, outPath);
            var deck = SpiceWriter.WriteFile(crossbar.Netlist, path, OptionValues.Named(parse, dialect));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {path}: {layerName} tile {index}, {programmed.RowCount}x{programmed.Columns} devices "
                + $"({spec.Scheme.ToString().ToLowerInvariant()}), {crossbar.Netlist.Elements.Count} elements, "
                + $"{crossbar.Netlist.Nodes.Count} nodes ({deck.Dialect}); column currents: "
                + $"{crossbar.ColumnTerminations[0]}..{crossbar.ColumnTerminations[^1]}"));
            return 0;
        });
        return command;
    }
}
