using System.CommandLine;
using Bmcnn.Bench;
using Bmcnn.Circuit;
using Bmcnn.Netlists.Crossbars;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn bench tran</c>: an N×N crossbar of VTEAM subcircuits with wire resistance and capacitance, written by a
/// V/2 pulse train, run by ngspice and by <c>bmcnn simulate</c> in the same bench, interleaved (<see cref="TranBench"/>).
/// </summary>
public static class BenchTranCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var size = new Option<int>("--size") { Description = "crossbar rows and columns", DefaultValueFactory = _ => 64 };
        var pulses = new Option<int>("--pulses")
        {
            Description = "V/2 write pulses (about 28 accepted time points each)",
            DefaultValueFactory = _ => 40,
        };
        var repeat = new Option<int>("--repeat") { Description = "interleaved ngspice/bmcnn pairs", DefaultValueFactory = _ => 3 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the pulses and the parameter spread", DefaultValueFactory = _ => 7 };
        var rWire = new Option<double>("--r-wire") { Description = "wire resistance per segment, ohms", DefaultValueFactory = _ => 1 };
        var cWire = new Option<double>("--c-wire") { Description = "wire capacitance per cell node, farads", DefaultValueFactory = _ => 1e-15 };
        var library = new Option<string>("--library")
        {
            Description = "memristor library (models/memristors.lib)",
            DefaultValueFactory = _ => Path.Combine("models", "memristors.lib"),
        };
        var ngspice = new Option<string>("--ngspice") { Description = "ngspice executable", DefaultValueFactory = _ => "ngspice" };
        var bmcnn = BmcnnProgramOption.Create(repeatable: false);
        var command = new Command("tran", "Time ngspice and bmcnn on the same memristor-crossbar transient, interleaved")
        {
            size, pulses, repeat, seed, rWire, cWire, library, ngspice, bmcnn,
        };
        command.SetAction(parse =>
        {
            var libraryPath = parse.GetValue(library)!;
            if (!File.Exists(libraryPath))
            {
                throw new BmcnnException($"--library: {libraryPath} not found (give the path of models/memristors.lib)");
            }
            var (n, count, s) = (parse.GetValue(size), parse.GetValue(pulses), parse.GetValue(seed));
            var spec = new MemristorCrossbarSpec
            {
                Rows = n,
                Columns = n,
                Library = File.ReadAllText(libraryPath),
                LibraryName = Path.GetFileName(libraryPath),
                Model = "vteam",
                WireOhms = parse.GetValue(rWire),
                WireFarads = parse.GetValue(cWire),
                Parameters = new Dictionary<string, double> { ["kon"] = -0.3, ["koff"] = 0.1, ["von"] = -0.6, ["voff"] = 0.6 },
                Sigma = new Dictionary<string, double> { ["ron"] = 0.1, ["roff"] = 0.1 },
                Seed = s,
                Pulses = MemristorCrossbarWriter.RandomPulses(n, n, count, s),
                WriteVolts = 1,
                PulseWidth = 10e-9,
                Edge = 1e-9,
                Gap = 5e-9,
            };
            TranBench.Run(parse.InvocationConfiguration.Output, BmcnnProgramOption.Programs(parse, bmcnn)[0], spec,
                parse.GetValue(ngspice)!, BenchPrograms.Repeat(parse.GetValue(repeat)));
            return 0;
        });
        return command;
    }
}
