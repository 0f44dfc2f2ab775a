using System.CommandLine;
using System.Globalization;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Netlists;
using Bmcnn.Network.Data;
using Bmcnn.Network.Model;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn crosscheck tiles --tiles N --images K [device options]</c>: on N real tiles spread over the layers, each
/// driven by the first K test images, compares our circuit solution with ngspice and with the tile's transfer matrix,
/// and reports the IR-drop error of the behavioral (ideal-wire) currents; exit code 1 when ngspice or the transfer
/// matrix disagree beyond their tolerances (1e-6, 1e-9).
/// </summary>
public static class CrosscheckTilesCommand
{
    /// <summary>Creates the <c>tiles</c> subcommand of <c>crosscheck</c>.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var tiles = new Option<int>("--tiles") { Description = "number of tiles, spread over all layers", DefaultValueFactory = _ => 4 };
        var images = new Option<int>("--images") { Description = "test images per tile (the first K)", DefaultValueFactory = _ => 1 };
        var noSpice = new Option<bool>("--no-ngspice") { Description = "skip ngspice (engine, transfer matrix and IR drop only)" };
        var layers = new Option<string?>("--layers") { Description = "only these layers (comma-separated); --tiles then counts per layer" };
        var timeout = new Option<double>("--ngspice-timeout")
        {
            Description = "seconds one ngspice run may take (a full 128x128 tile with wires needs minutes on a loaded machine)",
            DefaultValueFactory = _ => NgspiceRunner.DefaultTimeout.TotalSeconds,
        };
        var command = new Command("tiles", "Compare circuit vs ngspice vs transfer matrix vs behavioral on real programmed tiles")
        {
            model, tiles, images, noSpice, layers, timeout,
        };
        var dataset = new DatasetOptions().AddTo(command);
        var device = new DeviceOptions().AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var spec = device.Spec(parse);
            var n = parse.GetValue(tiles);
            var k = parse.GetValue(images);
            if (n < 1) throw new Circuit.BmcnnException($"--tiles must be at least 1, got {n}");
            if (k < 1) throw new Circuit.BmcnnException($"--images must be at least 1, got {k}");
            var seconds = parse.GetValue(timeout);
            if (!(seconds > 0 && seconds <= 86_400))
            {
                throw new Circuit.BmcnnException(
                    $"--ngspice-timeout must be between 0 and 86400 seconds, got {seconds.ToString(CultureInfo.InvariantCulture)}");
            }
            var ngspice = !parse.GetValue(noSpice);
            if (ngspice && !NgspiceRunner.IsAvailable)
            {
                throw new Circuit.BmcnnException("ngspice is not on the PATH (apt-get install -y ngspice, or pass --no-ngspice)");
            }
            var net = DefaultModel.LoadOrDefault(parse.GetValue(model));
            var test = dataset.Test(parse, output, (DatasetOptions.ModelLabel(parse.GetValue(model)), net));
            k = Math.Min(k, test.Count);
            var network = MappedNetwork.Program(net, spec, device.Seed(parse));
            var picked = parse.GetValue(layers) is { } names
                ? names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .SelectMany(name => Spread(network.Layer(name).Tiles.Select(t => (Layer: network.Layer(name), Tile: t)).ToArray(), n))
                    .ToArray()
                : Spread(network.Layers.SelectMany(l => l.Tiles.Select(t => (Layer: l, Tile: t))).ToArray(), n);
            output.WriteLine($"{spec}");
            output.WriteLine("layer  tile  rows x cols  image  engine-vs-ngspice  engine-vs-transfer  ir-drop-error  engine-s  ngspice-s"
                + "  driver-power-W  power-vs-engine  power-vs-ngspice");
            var worstSpice = 0.0;
            var worstTransfer = 0.0;
            var worstPower = 0.0;
            for (var image = 0; image < k; image++)
            {
                var pixels = test.Pixels.AsSpan(image * test.ImageSize, test.ImageSize);
                var inputs = new Dictionary<int, float[]>();
                foreach (var (layer, tile) in picked)
                {
                    if (!inputs.TryGetValue(layer.Index, out var vectors))
                    {
                        inputs[layer.Index] = vectors = TileProbe.LayerInputs(network, layer.Index, pixels);
                    }
                    var p = TileProbe.CentrePosition(layer.Block);
                    var volts = new double[tile.RowCount];
                    for (var i = 0; i < volts.Length; i++) volts[i] = spec.VRead * vectors[p * layer.Plan.Rows + tile.RowStart + i];
                    var r = TileCrosscheck.Run(network, tile, image, volts, ngspice, TimeSpan.FromSeconds(seconds));
                    if (!double.IsNaN(r.Ngspice)) worstSpice = Math.Max(worstSpice, r.Ngspice);
                    if (!double.IsNaN(r.Transfer)) worstTransfer = Math.Max(worstTransfer, Math.Max(r.Transfer, NaNAsZero(r.PowerForms)));
                    if (!double.IsNaN(r.PowerNgspice)) worstPower = Math.Max(worstPower, r.PowerNgspice);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Layer,-6} {r.Tile,4}  {r.Rows,4} x {r.Columns,-4}  {r.Image,5}  {Format(r.Ngspice),17}  {Format(r.Transfer),18}  "
                        + $"{Format(r.IrDrop),13}  {r.EngineSeconds,8:F3}  "
                        + $"{(double.IsNaN(r.NgspiceSeconds) ? "-" : r.NgspiceSeconds.ToString("F3", CultureInfo.InvariantCulture)),9}"
                        + $"  {r.Watts,14:E6}  {Format(r.PowerForms),15}  {Format(r.PowerNgspice),16}"));
                }
            }
            var ok = worstSpice <= CrosscheckCommand.Tolerance && worstTransfer <= 1e-9 && worstPower <= CrosscheckCommand.Tolerance;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"worst engine vs ngspice {(ngspice ? Format(worstSpice) : "not run")}, "
                + $"engine vs transfer matrix {Format(worstTransfer)}, "
                + $"driver power vs ngspice {(ngspice ? Format(worstPower) : "not run")}: {(ok ? "PASS" : "FAIL")}"));
            return ok ? 0 : 1;
        });
        return command;
    }

    // n items spread evenly over the list, starting with the first.
    private static T[] Spread<T>(T[] all, int n)
    {
        var count = Math.Min(n, all.Length);
        return Enumerable.Range(0, count).Select(i => all[(int)((long)i * all.Length / count)]).ToArray();
    }

    private static double NaNAsZero(double value) => double.IsNaN(value) ? 0 : value;

    private static string Format(double value) => double.IsNaN(value) ? "-" : value.ToString("E2", CultureInfo.InvariantCulture);
}
