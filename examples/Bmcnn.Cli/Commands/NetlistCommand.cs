using System.CommandLine;
using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Circuit.Crossbars;
using Bmcnn.Devices;
using Bmcnn.Netlists;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn netlist crossbar ...</c>: writes a random binary-weight crossbar tile as a SPICE netlist (virtual-ground
/// columns, so the column currents are the <c>vcol&lt;j&gt;</c> branch currents).
/// </summary>
public static class NetlistCommand
{
    /// <summary>Creates the <c>netlist</c> command with its <c>crossbar</c> subcommand.</summary>
    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "number of rows (inputs)", Required = true };
        var cols = new Option<int>("--cols") { Description = "number of columns (outputs)", Required = true };
        var rWire = SpiceValueOption("--r-wire", "resistance of each row and column wire segment, ohms (0 = ideal wires; SPICE suffixes allowed)");
        var rOn = SpiceValueOption("--r-on", "low-resistance device state, ohms (e.g. 10k)");
        var rOff = SpiceValueOption("--r-off", "high-resistance device state, ohms (e.g. 100k)");
        var vRead = SpiceValueOption("--v-read", "read voltage; each row is driven at +v-read or -v-read (e.g. 0.2 or 200m)");
        var seed = new Option<ulong>("--seed") { Description = "random seed for the weights and inputs", Required = true };
        var dialect = new Option<SpiceDialect>("--dialect")
        {
            Description = "simulator dialect: ngspice (checked), xyce or ltspice (syntax only)",
            DefaultValueFactory = _ => SpiceDialect.Ngspice,
        };
        var outPath = new Option<FileInfo>("--out") { Description = "netlist file to write", Required = true };

        var crossbar = new Command("crossbar", "Write a random binary-weight crossbar tile with random ±v-read inputs")
        {
            rows, cols, rWire, rOn, rOff, vRead, seed, dialect, outPath,
        };
        crossbar.SetAction(parseResult =>
        {
            var m = parseResult.GetValue(rows);
            var n = parseResult.GetValue(cols);
            var tile = RandomTile(m, n, parseResult.GetValue(rWire), parseResult.GetValue(rOn), parseResult.GetValue(rOff),
                parseResult.GetValue(vRead), parseResult.GetValue(seed));
            var path = parseResult.GetValue(outPath)!.ToString();
            var deck = SpiceWriter.WriteFile(tile.Netlist, path, OptionValues.Named(parseResult, dialect));
            parseResult.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {path}: {m}x{n} crossbar, {tile.Netlist.Elements.Count} elements, {tile.Netlist.Nodes.Count} nodes "
                + $"({deck.Dialect.ToString().ToLowerInvariant()}); column currents: {tile.ColumnTerminations[0]}..{tile.ColumnTerminations[^1]}"));
            return 0;
        });

        return new Command("netlist", "Write SPICE netlists") { crossbar, NetlistTileCommand.Create(), MemristorCrossbarCommand.Create() };
    }

    /// <summary>
    /// The tile: each device R_ON or R_OFF with probability 1/2, then each row input +v or −v with probability 1/2,
    /// all drawn in that order from one stream seeded with <paramref name="seed"/>.
    /// </summary>
    public static Crossbar RandomTile(int rows, int cols, double wireOhms, double onOhms, double offOhms, double readVolts, ulong seed)
    {
        if (rows < 1 || cols < 1)
        {
            throw new BmcnnException($"--rows and --cols must be at least 1, got {rows}x{cols}");
        }
        Positive(onOhms, "--r-on");
        Positive(offOhms, "--r-off");
        if (!double.IsFinite(readVolts) || readVolts == 0)
        {
            throw new BmcnnException($"--v-read must be a non-zero number of volts, got {readVolts}");
        }
        var random = new RandomStream(seed);
        var g = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                g[i, j] = 1 / (random.NextDouble() < 0.5 ? onOhms : offOhms);
            }
        }
        var inputs = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            inputs[i] = random.NextDouble() < 0.5 ? readVolts : -readVolts;
        }
        var spec = new CrossbarSpec
        {
            Conductances = g,
            RowWireOhms = wireOhms,
            ColumnWireOhms = wireOhms,
            ColumnTermination = ColumnTermination.VirtualGround,
        };
        var tile = Crossbar.Build(spec, inputs);
        // The title records how to regenerate the file.
        tile.Netlist.Title = string.Create(CultureInfo.InvariantCulture,
            $"bmcnn netlist crossbar --rows {rows} --cols {cols} --r-wire {wireOhms:R} --r-on {onOhms:R} --r-off {offOhms:R} "
            + $"--v-read {readVolts:R} --seed {seed}");
        return tile;
    }

    // Values accept SPICE numbers (10k, 1meg, 200m), as in the netlists they end up in.
    internal static Option<double> SpiceValueOption(string name, string description, bool required = true) => new(name)
    {
        Description = description,
        Required = required,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (SpiceNumber.TryParse(text, out var value))
            {
                return value;
            }
            result.AddError($"{name}: '{text}' is not a number");
            return 0;
        },
    };

    private static void Positive(double ohms, string option)
    {
        if (!(ohms > 0) || !double.IsFinite(ohms))
        {
            throw new BmcnnException($"{option} must be a positive number of ohms, got {ohms}");
        }
    }
}
