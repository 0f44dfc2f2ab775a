using System.Diagnostics;
using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Netlists;

namespace Bmcnn.Bench;

/// <summary>
/// <c>bmcnn bench solve</c>: the whole-process benchmark. It writes N×N crossbar netlists and times fresh
/// <c>bmcnn solve FILE --json</c> processes from the outside (start-up, JIT, parse, build, ordering, factorization,
/// solve and output), then splits one warm in-process run into its phases.
/// </summary>
public static class SolveBench
{
    /// <summary>Parses <c>--sizes</c>: comma-separated tile sizes between 1 and 1024.</summary>
    public static IReadOnlyList<int> ParseSizes(string text)
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

    /// <summary>
    /// Measures each size: <paramref name="repeat"/> cold processes of each program (null: this one; several are
    /// interleaved run by run), then one warm in-process split of parse, build, solve and <paramref name="json"/>.
    /// </summary>
    /// <param name="sizes">Tile sizes N.</param>
    /// <param name="repeat">Cold processes per size and program.</param>
    /// <param name="programs">Programs to time (<see cref="BenchPrograms.Resolve"/>).</param>
    /// <param name="tile">The N×N netlist to solve.</param>
    /// <param name="json">What <c>solve --json</c> formats, for the warm split's output phase.</param>
    public static IReadOnlyList<SolveBenchRow> Run(IReadOnlyList<int> sizes, int repeat, IReadOnlyList<string?> programs,
        Func<int, Netlist> tile, Func<OperatingPoint, object> json)
    {
        var dir = Directory.CreateTempSubdirectory("bmcnn-bench-");
        try
        {
            var rows = new List<SolveBenchRow>();
            foreach (var n in sizes)
            {
                var path = Path.Combine(dir.FullName, $"xb{n}.cir");
                SpiceWriter.WriteFile(tile(n), path, SpiceDialect.Ngspice);
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
                var warm = Warm(n, path, wall[0], cpu[0], json);
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
    private static SolveBenchRow Warm(int n, string path, double[] wall, double[] cpu, Func<OperatingPoint, object> json)
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
            var text = json(op);
            var output = Lap(clock);

            row = new SolveBenchRow(n, netlist.Nodes.Count, op.BranchCurrents.Count, new FileInfo(path).Length, wall, cpu,
                parse, build, solve, output);
            GC.KeepAlive(text);
        }
        return row!;
    }

    private static double Lap(Stopwatch clock)
    {
        var ms = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        return ms;
    }
}
