using System.CommandLine;
using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Netlists;
using Bmcnn.Netlists.Crossbars;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn netlist memristor-crossbar ...</c>: an R×C crossbar of dynamic memristor subcircuits with wire resistance
/// (and capacitance) written by V/2 pulses, as an ngspice deck with PWL drivers; per-instance parameters with
/// log-normal device-to-device spread from an explicit seed.
/// </summary>
public static class MemristorCrossbarCommand
{
    /// <summary>Creates the subcommand.</summary>
    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "number of rows", Required = true };
        var cols = new Option<int>("--cols") { Description = "number of columns", Required = true };
        var model = new Option<string>("--model") { Description = "subcircuit of the library (vteam, yakopcic, lid_joglekar, ...)", Required = true };
        var library = new Option<string>("--library")
        {
            Description = "memristor library embedded in the deck",
            DefaultValueFactory = _ => Path.Combine("models", "memristors.lib"),
        };
        var rWire = Number("--r-wire", "resistance of each wire segment, ohms (SPICE suffixes allowed)");
        var cWire = Number("--c-wire", "capacitance to ground at each cell node of the wires, farads (default 0)", required: false);
        var parameters = Pairs("--param", "NAME=VALUE for every instance, replacing the library default (repeatable)");
        var sigma = Pairs("--param-sigma", "NAME=SIGMA: log-normal device-to-device spread of a parameter, value*exp(SIGMA*z) (repeatable)");
        var seed = new Option<ulong>("--seed") { Description = "seed of the parameter draws and of the random pulses", Required = true };
        var pulses = new Option<int>("--pulses") { Description = "number of write pulses at random cells with random polarity", Required = true };
        var vWrite = Number("--v-write", "voltage across a selected cell; half-selected cells get half");
        var width = Number("--width", "pulse width at full voltage, seconds");
        var edge = Number("--edge", "rise and fall time, seconds");
        var gap = Number("--gap", "0 V time before each pulse and after the last, seconds");
        var relTol = new Option<double?>("--reltol") { Description = "write '.options reltol=VALUE' into the deck (default: none, SPICE's 1e-3)" };
        var outPath = new Option<FileInfo>("--out") { Description = "netlist file to write", Required = true };
        var command = new Command("memristor-crossbar", "Write a crossbar of dynamic memristors programmed by V/2 pulses as an ngspice deck")
        {
            rows, cols, model, library, rWire, cWire, parameters, sigma, seed, pulses, vWrite, width, edge, gap, relTol, outPath,
        };
        command.SetAction(parse =>
        {
            var libraryPath = parse.GetValue(library)!;
            if (!File.Exists(libraryPath))
            {
                throw new BmcnnException($"--library: {libraryPath} not found (give the path of models/memristors.lib)");
            }
            var (m, n) = (parse.GetValue(rows), parse.GetValue(cols));
            var spec = new MemristorCrossbarSpec
            {
                Rows = m,
                Columns = n,
                Library = File.ReadAllText(libraryPath),
                LibraryName = Path.GetFileName(libraryPath),
                Model = parse.GetValue(model)!,
                WireOhms = parse.GetValue(rWire),
                WireFarads = parse.GetValue(cWire),
                Parameters = ParsePairs(parse.GetValue(parameters), "--param"),
                Sigma = ParsePairs(parse.GetValue(sigma), "--param-sigma"),
                Seed = parse.GetValue(seed),
                Pulses = MemristorCrossbarWriter.RandomPulses(m, n, parse.GetValue(pulses), parse.GetValue(seed)),
                WriteVolts = parse.GetValue(vWrite),
                PulseWidth = parse.GetValue(width),
                Edge = parse.GetValue(edge),
                Gap = parse.GetValue(gap),
                RelTol = parse.GetValue(relTol),
            };
            var text = MemristorCrossbarWriter.Write(spec);
            var path = parse.GetValue(outPath)!.ToString();
            AtomicFile.WriteText(path, text);
            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {path}: {m}x{n} crossbar of {spec.Model}, {spec.Pulses.Count} pulses, {text.Count(c => c == '\n')} lines"));
            return 0;
        });
        return command;
    }

    private static Dictionary<string, double> ParsePairs(string[]? pairs, string option)
    {
        var result = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs ?? [])
        {
            var at = pair.IndexOf('=');
            if (at <= 0 || !SpiceNumber.TryParse(pair[(at + 1)..], out var value))
            {
                throw new BmcnnException($"{option}: expected NAME=NUMBER, got '{pair}'");
            }
            result[pair[..at].Trim()] = value;
        }
        return result;
    }

    private static Option<double> Number(string name, string description, bool required = true) =>
        NetlistCommand.SpiceValueOption(name, description, required);

    private static Option<string[]> Pairs(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
    };
}
