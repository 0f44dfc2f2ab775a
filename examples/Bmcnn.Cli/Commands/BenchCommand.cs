using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Cli.Bench;
using Bmcnn.Netlists;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn bench solve</c>: issue 2's whole-process benchmark. It writes random N×N crossbar netlists with wire
/// resistance and times fresh <c>bmcnn solve FILE --json</c> processes from the outside (start-up, JIT, parse, build,
/// ordering, factorization, solve and output), then splits one warm in-process run into its phases. (The extra
/// right-hand side on a factorized matrix is a solver benchmark: <c>SolverBenchmarks</c> in benchmarks/.)
/// </summary>
public static class BenchCommand
{
    // Issue 2's targets for the whole cold process on 2 cores.
    private static readonly Dictionary<int, double> ProcessTargetSeconds = new() { [128] = 0.3, [256] = 2.0 };

    /// <summary>Creates the <c>bench</c> command with its <c>solve</c> subcommand.</summary>
    public static Command Create()
    {
        var sizes = new Option<string>("--sizes") { Description = "comma-separated tile sizes N (N×N crossbars)", DefaultValueFactory = _ => "64,128,256" };
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
            var ns = ParseSizes(parseResult.GetValue(sizes)!);
            var runs = parseResult.GetValue(repeat);
            if (runs < 1)
            {
                throw new BmcnnException($"--repeat must be at least 1, got {runs}");
            }
            var programs = BmcnnProgramOption.Programs(parseResult, bmcnn);
            var rows = Run(ns, runs, parseResult.GetValue(rWire), parseResult.GetValue(seed), programs);
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                WriteJson(output, rows, runs);
            }
            else
            {
                WriteTable(output, rows, runs, programs.Count);
            }
            return 0;
        });
        return new Command("bench", "Benchmarks with machine details (results belong in docs/benchmarks.md)")
        {
            solve, BenchEvalCommand.Create(), BenchTrainCommand.Create(),
        };
    }

    /// <summary>One size's measurements (of one program when <c>--bmcnn</c> named it, else null: this program).</summary>
    public sealed record SolveBenchRow(int N, int Nodes, int Branches, long Bytes, double[] WallSeconds, double[] CpuSeconds,
        double ParseMs, double BuildMs, double SolveMs, double OutputMs, string? Program = null);

    /// <summary>
    /// Measures each size: <paramref name="repeat"/> cold processes of each program (null: this one; several are
    /// interleaved run by run), then one warm in-process split.
    /// </summary>
    public static IReadOnlyList<SolveBenchRow> Run(IReadOnlyList<int> sizes, int repeat, double wireOhms, ulong seed,
        IReadOnlyList<string?>? programs = null)
    {
        programs ??= [null];
        var dir = Directory.CreateTempSubdirectory("bmcnn-bench-");
        try
        {
            var rows = new List<SolveBenchRow>();
            foreach (var n in sizes)
            {
                var path = Path.Combine(dir.FullName, $"xb{n}.cir");
                var tile = NetlistCommand.RandomTile(n, n, wireOhms, 10e3, 100e3, 0.2, seed);
                SpiceWriter.WriteFile(tile.Netlist, path, SpiceDialect.Ngspice);
                var wall = programs.Select(_ => new double[repeat]).ToArray();
                var cpu = programs.Select(_ => new double[repeat]).ToArray();
                for (var r = 0; r < repeat; r++)
                {
                    for (var p = 0; p < programs.Count; p++)
                    {
                        string[] args = ["solve", path, "--json"];
                        var run = ChildProcess.Bmcnn(args, program: programs[p]).EnsureSuccess(args);
                        wall[p][r] = run.Wall.TotalSeconds;
                        cpu[p][r] = run.Cpu.TotalSeconds;
                    }
                }
                var warm = Warm(n, path, wall[0], cpu[0]);
                for (var p = 0; p < programs.Count; p++)
                {
                    rows.Add(warm with { WallSeconds = wall[p], CpuSeconds = cpu[p], Program = programs[p] });
                }
            }
            return rows;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // The second of two in-process runs, so JIT is out of the split.
    private static SolveBenchRow Warm(int n, string path, double[] wall, double[] cpu)
    {
        SolveBenchRow? row = null;
        for (var pass = 0; pass < 2; pass++)
        {
            var clock = Stopwatch.StartNew();
            var netlist = SpiceReader.ReadFile(path).Netlist;
            var parse = Lap(clock);
            var analysis = new DcOperatingPoint(netlist, new DcOptions { Threads = Environment.ProcessorCount }); // as bmcnn solve
            var build = Lap(clock);
            var op = analysis.Solve();
            var solve = Lap(clock);
            var json = SolveCommand.Json(op);
            var output = Lap(clock);

            row = new SolveBenchRow(n, netlist.Nodes.Count, op.BranchCurrents.Count, new FileInfo(path).Length, wall, cpu, parse, build, solve, output);
            GC.KeepAlive(json);
        }
        return row!;
    }

    private static double Lap(Stopwatch clock)
    {
        var ms = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        return ms;
    }

    private static List<int> ParseSizes(string text)
    {
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 1024)
            {
                throw new BmcnnException($"--sizes: '{part}' is not a tile size between 1 and 1024");
            }
            sizes.Add(n);
        }
        if (sizes.Count == 0)
        {
            throw new BmcnnException("--sizes: give at least one tile size, e.g. 64,128,256");
        }
        return sizes;
    }

    /// <summary>The median (mean of the middle two for an even count).</summary>
    public static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string Verdict(SolveBenchRow row) =>
        ProcessTargetSeconds.TryGetValue(row.N, out var target)
            ? string.Create(CultureInfo.InvariantCulture, $"≤ {target:0.0#} s: {(Median(row.WallSeconds) <= target ? "met" : "missed")}")
            : "—";

    private static void WriteTable(TextWriter output, IReadOnlyList<SolveBenchRow> rows, int repeat, int programs)
    {
        var c = CultureInfo.InvariantCulture;
        // With --bmcnn each row names its program in a first column; without it the table is unchanged.
        var named = rows.Any(r => r.Program is not null);
        var perWhat = programs > 1 ? "per size and program, interleaved" : "per size";
        output.WriteLine($"bmcnn bench solve: {repeat} cold `bmcnn solve xbN.cir --json` processes {perWhat} (start-up, JIT, parse, build, ordering, factorization, solve, output)");
        output.WriteLine($"machine: {MachineInfo.Describe()}");
        output.WriteLine();
        output.WriteLine((named ? "| bmcnn " : "") + "|    N | unknowns | SPICE KiB | wall median | wall min | CPU median | target | warm in process: parse / build / OP / output |");
        output.WriteLine((named ? "|---" : "") + "|-----:|---------:|----------:|------------:|---------:|-----------:|-------:|------:|");
        foreach (var row in rows)
        {
            output.WriteLine((named ? $"| {row.Program} " : "") + string.Create(c,
                $"| {row.N,4} | {row.Nodes + row.Branches,8:N0} | {row.Bytes / 1024,9:N0} | {Median(row.WallSeconds),9:0.000} s | {row.WallSeconds.Min(),6:0.000} s | {Median(row.CpuSeconds),8:0.000} s | {Verdict(row)} | {row.ParseMs:0} / {row.BuildMs:0} / {row.SolveMs:0} / {row.OutputMs:0} ms |"));
        }
    }

    private static void WriteJson(TextWriter output, IReadOnlyList<SolveBenchRow> rows, int repeat)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("machine", MachineInfo.Describe());
            writer.WriteNumber("repeat", repeat);
            writer.WriteStartArray("sizes");
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                if (row.Program is not null)
                {
                    writer.WriteString("bmcnn", row.Program);
                }
                writer.WriteNumber("n", row.N);
                writer.WriteNumber("nodes", row.Nodes);
                writer.WriteNumber("branches", row.Branches);
                writer.WriteNumber("bytes", row.Bytes);
                writer.WriteNumber("wallMedianSeconds", Median(row.WallSeconds));
                writer.WriteNumber("wallMinSeconds", row.WallSeconds.Min());
                writer.WriteNumber("cpuMedianSeconds", Median(row.CpuSeconds));
                if (ProcessTargetSeconds.TryGetValue(row.N, out var target))
                {
                    writer.WriteNumber("targetSeconds", target);
                }
                writer.WriteNumber("warmParseMs", row.ParseMs);
                writer.WriteNumber("warmBuildMs", row.BuildMs);
                writer.WriteNumber("warmSolveMs", row.SolveMs);
                writer.WriteNumber("warmOutputMs", row.OutputMs);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
