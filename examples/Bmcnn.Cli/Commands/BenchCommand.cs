using System.CommandLine;
using Bmcnn.Bench;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn bench solve</c>: times fresh <c>bmcnn solve FILE --json</c> processes on random N×N crossbars with wire
/// resistance (<see cref="SolveBench"/>). The extra right-hand side on a factorized matrix is a solver benchmark:
/// <c>SolverBenchmarks</c> in benchmarks/.
/// </summary>
public static class BenchCommand
{
    /// <summary>Creates the <c>bench</c> command with its <c>solve</c>, <c>eval</c>, <c>train</c> and <c>tran</c> subcommands.</summary>
    public static Command Create()
    {
        var sizes = new Option<string>("--sizes")
        {
            Description = "comma-separated tile sizes N (N×N crossbars)",
            DefaultValueFactory = _ => "64,128,256",
        };
        var repeat = new Option<int>("--repeat") { Description = "cold processes per size (the median is reported)", DefaultValueFactory = _ => 5 };
        var rWire = new Option<double>("--r-wire") { Description = "wire resistance per segment, ohms", DefaultValueFactory = _ => 2.5 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the random weights and inputs", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of the table" };
        var bmcnn = BmcnnProgramOption.Create(repeatable: true);
        var solve = new Command("solve", "Time whole `bmcnn solve FILE --json` processes on N×N crossbars with wire resistance")
        {
            sizes, repeat, rWire, seed, json, bmcnn,
        };
        solve.SetAction(parseResult =>
        {
            var ns = SolveBench.ParseSizes(parseResult.GetValue(sizes)!);
            var runs = BenchPrograms.Repeat(parseResult.GetValue(repeat));
            var programs = BmcnnProgramOption.Programs(parseResult, bmcnn);
            var (wireOhms, tileSeed) = (parseResult.GetValue(rWire), parseResult.GetValue(seed));
            var rows = SolveBench.Run(ns, runs, programs,
                n => NetlistCommand.RandomTile(n, n, wireOhms, 10e3, 100e3, 0.2, tileSeed).Netlist, SolveCommand.Json);
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                SolveBenchReport.WriteJson(output, rows, runs);
            }
            else
            {
                SolveBenchReport.WriteTable(output, rows, runs, programs.Count);
            }
            return 0;
        });
        return new Command("bench", "Benchmarks with machine details (results belong in docs/benchmarks.md)")
        {
            solve, BenchEvalCommand.Create(), BenchTrainCommand.Create(), BenchEnergyCommand.Create(),
            BenchNetworkCommand.CreateNetwork(), BenchNetworkCommand.CreateImport(), BenchTranCommand.Create(), BenchSinhCommand.Create(),
        };
    }
}
