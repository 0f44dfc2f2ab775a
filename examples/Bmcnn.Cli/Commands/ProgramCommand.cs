using System.CommandLine;
using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Devices.Programming;
using Bmcnn.Mapping.Compile;
using Bmcnn.Mapping.Programming;
using Bmcnn.Network.Model;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn program</c>: writes a pattern (random, or one tile of a model) into a crossbar of VTEAM devices with
/// write pulses under a half-select scheme and program-and-verify, and reports pulses, final resistances,
/// disturbance and write energy; optionally writes the resistances (<c>--out</c>, for <c>eval --programmed</c>) and
/// the pulses as an ngspice netlist (<c>--netlist</c>).
/// </summary>
public static class ProgramCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var defaults = new ProgrammingSetup();
        var rows = new Option<int?>("--rows") { Description = "rows of a random pattern" };
        var cols = new Option<int?>("--cols") { Description = "columns of a random pattern" };
        var seed = new Option<ulong>("--seed") { Description = "seed of the random pattern and the device draws", DefaultValueFactory = _ => 1 };
        var model = CommonOptions.Model();
        var layer = new Option<string?>("--layer") { Description = "program a tile of this weighted layer of the model (with --tile)" };
        var tile = new Option<int?>("--tile") { Description = "tile index within --layer" };
        var scheme = new Option<string>("--scheme") { Description = "half-select scheme: v2|v3", DefaultValueFactory = _ => "v2" };
        var setAmplitude = Number("--set-amplitude", "set pulse (towards R_ON) amplitude, V", defaults.Set.Amplitude);
        var setWidth = Number("--set-width", "set pulse width (flat top), s", defaults.Set.Width);
        var resetAmplitude = Number("--reset-amplitude", "reset pulse (towards R_OFF) amplitude, V", defaults.Reset.Amplitude);
        var resetWidth = Number("--reset-width", "reset pulse width (flat top), s", defaults.Reset.Width);
        var read = Number("--read-voltage", "verify read voltage, V (between the device thresholds)", defaults.ReadVolts);
        var tolerance = Number("--tolerance", "verify tolerance, relative to the target resistance", defaults.Tolerance);
        var maxPulses = new Option<int>("--max-pulses") { Description = "pulse budget per device", DefaultValueFactory = _ => defaults.MaxPulses };
        var steps = new Option<int>("--steps")
        {
            Description = "quasi-static crossbar solves per pulse flat top",
            DefaultValueFactory = _ => defaults.StepsPerPulse,
        };
        var wire = Number("--r-wire", "wire resistance per segment, rows and columns, ohms", defaults.RowWireOhms);
        var rOn = Number("--r-on", "R_ON target and the device's Ron, ohms", defaults.TargetOn);
        var rOff = Number("--r-off", "R_OFF target and the device's Roff, ohms", defaults.TargetOff);
        var initial = Number("--initial-state", "state every device starts from (0 = R_ON, 1 = R_OFF)", defaults.InitialState);
        var variation = Number("--variation", "device-to-device lognormal σ of the VTEAM speeds kon and koff", defaults.SpeedSigma);
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var outFile = new Option<string?>("--out") { Description = "write the programmed resistances (JSON, for eval --programmed)" };
        var netlist = new Option<string?>("--netlist") { Description = "write the programming pulses as an ngspice netlist with PWL sources" };
        var netlistPulses = new Option<int?>("--netlist-pulses") { Description = "export only the first N pulses (default all)" };
        var command = new Command("program", "write a pattern into a crossbar of VTEAM devices with write pulses and program-and-verify")
        {
            rows, cols, seed, model, layer, tile, scheme, setAmplitude, setWidth, resetAmplitude, resetWidth, read, tolerance, maxPulses,
            steps, wire, rOn, rOff, initial, variation, json, outFile, netlist, netlistPulses,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var on = parse.GetValue(rOn);
            var off = parse.GetValue(rOff);
            var setup = new ProgrammingSetup
            {
                Model = new Devices.Dynamic.VteamModel { ROn = on, ROff = off },
                RowWireOhms = parse.GetValue(wire),
                ColumnWireOhms = parse.GetValue(wire),
                Scheme = parse.GetValue(scheme) switch
                {
                    "v2" => WriteScheme.V2,
                    "v3" => WriteScheme.V3,
                    var other => throw new BmcnnException($"--scheme: unknown scheme '{other}' (expected v2 or v3)"),
                },
                Set = new WritePulse(parse.GetValue(setAmplitude), parse.GetValue(setWidth)),
                Reset = new WritePulse(parse.GetValue(resetAmplitude), parse.GetValue(resetWidth)),
                ReadVolts = parse.GetValue(read),
                TargetOn = on,
                TargetOff = off,
                Tolerance = parse.GetValue(tolerance),
                MaxPulses = parse.GetValue(maxPulses),
                StepsPerPulse = parse.GetValue(steps),
                InitialState = parse.GetValue(initial),
                SpeedSigma = parse.GetValue(variation),
                Seed = parse.GetValue(seed),
            }.Validate();
            if (!(on > 0) || !(off > on)) throw new BmcnnException($"--r-on/--r-off: need 0 < R_ON < R_OFF, got {on} and {off} Ω");
            var outPath = OptionValues.Path(parse.GetValue(outFile), outFile);
            var netlistPath = OptionValues.Path(parse.GetValue(netlist), netlist);
            if (parse.GetValue(netlistPulses) is { } np && np < 1) throw new BmcnnException($"--netlist-pulses: must be at least 1, got {np}");

            var (pattern, m, n, label) = Pattern(parse, rows, cols, model, layer, tile, setup.Seed);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var error = parse.InvocationConfiguration.Error;
            var progress = new RowProgress(m, error);
            var run = CrossbarProgrammer.Program(pattern, m, n, setup, m >= 32 ? progress : null);
            var seconds = clock.Elapsed.TotalSeconds;
            var summary = ProgrammingSummary.Of(run);
            if (netlistPath is not null)
            {
                var first = parse.GetValue(netlistPulses) is { } k ? Math.Min(k, run.Log.Count) : (int?)null;
                AtomicFile.WriteText(netlistPath, ProgrammingNetlist.Write(run, first));
            }
            if (outPath is not null)
            {
                var ohms = new double[m * n];
                for (var d = 0; d < ohms.Length; d++) ohms[d] = run.Resistance(d);
                new PhysicalTileFile(parse.GetValue(layer), parse.GetValue(tile) ?? -1, m, n, ohms).Write(outPath);
            }
            if (parse.GetValue(json)) output.WriteLine(ProgramOutput.Json(label, run, summary, seconds));
            else ProgramOutput.WriteTable(output, label, run, summary, seconds);
            return 0;
        });
        return command;
    }

    private static Option<double> Number(string name, string description, double value) =>
        new(name) { Description = $"{description} (default {value.ToString("G", CultureInfo.InvariantCulture)})", DefaultValueFactory = _ => value };

    private static (bool[] Pattern, int Rows, int Columns, string Label) Pattern(ParseResult parse, Option<int?> rows, Option<int?> cols,
        Option<string?> model, Option<string?> layer, Option<int?> tile, ulong seed)
    {
        var layerName = parse.GetValue(layer);
        var tileIndex = parse.GetValue(tile);
        if (layerName is not null || tileIndex is not null)
        {
            if (layerName is null || tileIndex is null) throw new BmcnnException("--layer and --tile go together (a tile of a model's layer)");
            if (parse.GetValue(rows) is not null || parse.GetValue(cols) is not null)
            {
                throw new BmcnnException("--rows/--cols: a model tile has its own size; give either --layer/--tile or --rows/--cols");
            }
            var net = DefaultModel.LoadOrDefault(parse.GetValue(model));
            var network = MappedNetwork.Program(net, new DeviceSpec(), seed);
            var (target, m, n) = TilePattern.Of(network, layerName, tileIndex.Value);
            return (target, m, n, $"{parse.GetValue(model) ?? "default:lenet"} {layerName} tile {tileIndex}");
        }
        if (parse.GetValue(model) is not null) throw new BmcnnException("--model: give --layer and --tile to program one of its tiles");
        var r = parse.GetValue(rows) ?? throw new BmcnnException("program: give a pattern, --rows R --cols C (random) or --layer L --tile T");
        var c = parse.GetValue(cols) ?? throw new BmcnnException("--cols: a random pattern needs --rows and --cols");
        if (r < 1 || c < 1 || r > 4096 || c > 4096) throw new BmcnnException($"--rows/--cols: need 1..4096 each, got {r}×{c}");
        var random = RandomStream.For(seed, 0x50415454, r, c); // "PATT"
        var pattern = new bool[r * c];
        for (var k = 0; k < pattern.Length; k++) pattern[k] = random.NextDouble() < 0.5;
        return (pattern, r, c, $"random {r}x{c} (seed {seed})");
    }

    // Synchronous (IProgress<T> from Progress<T> would post to the thread pool): a line every eighth of the rows.
    private sealed class RowProgress(int rows, TextWriter error) : IProgress<int>
    {
        public void Report(int value)
        {
            if ((value + 1) % Math.Max(1, rows / 8) == 0) error.WriteLine($"program: {value + 1}/{rows} rows written and verified");
        }
    }
}
