using System.Globalization;
using System.Text.Json;

namespace Bmcnn.Bench;

/// <summary>
/// <c>bmcnn bench solve</c>'s output: a markdown table for docs/benchmarks.md or one JSON object, each with the machine
/// and the whole-process targets on 2 cores (128×128 ≤ 0.3 s, 256×256 ≤ 2 s).
/// </summary>
public static class SolveBenchReport
{
    private static readonly Dictionary<int, double> ProcessTargetSeconds = new() { [128] = 0.3, [256] = 2.0 };

    /// <summary>The table; with several programs each row names its program in a first column.</summary>
    public static void WriteTable(TextWriter output, IReadOnlyList<SolveBenchRow> rows, int repeat, int programs)
    {
        var c = CultureInfo.InvariantCulture;
        var named = rows.Any(r => r.Program is not null);
        var perWhat = programs > 1 ? "per size and program, interleaved" : "per size";
        output.WriteLine($"bmcnn bench solve: {repeat} cold `bmcnn solve xbN.cir --json` processes {perWhat} "
            + "(start-up, JIT, parse, build, ordering, factorization, solve, output)");
        output.WriteLine($"machine: {MachineInfo.Describe()}");
        output.WriteLine();
        output.WriteLine((named ? "| bmcnn " : "")
            + "|    N | unknowns | SPICE KiB | wall median | wall min | CPU median | target | warm in process: parse / build / OP / output |");
        output.WriteLine((named ? "|---" : "") + "|-----:|---------:|----------:|------------:|---------:|-----------:|-------:|------:|");
        foreach (var row in rows)
        {
            var (wall, cpu) = (Statistics.Median(row.WallSeconds), Statistics.Median(row.CpuSeconds));
            output.WriteLine((named ? $"| {row.Program} " : "") + string.Create(c,
                $"| {row.N,4} | {row.Nodes + row.Branches,8:N0} | {row.Bytes / 1024,9:N0} | {wall,9:0.000} s | {row.WallSeconds.Min(),6:0.000} s | "
                + $"{cpu,8:0.000} s | {Verdict(row)} | {row.ParseMs:0} / {row.BuildMs:0} / {row.SolveMs:0} / {row.OutputMs:0} ms |"));
        }
    }

    /// <summary>One JSON object: machine, repeat and one entry per row.</summary>
    public static void WriteJson(TextWriter output, IReadOnlyList<SolveBenchRow> rows, int repeat)
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
                writer.WriteNumber("wallMedianSeconds", Statistics.Median(row.WallSeconds));
                writer.WriteNumber("wallMinSeconds", row.WallSeconds.Min());
                writer.WriteNumber("cpuMedianSeconds", Statistics.Median(row.CpuSeconds));
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

    private static string Verdict(SolveBenchRow row) =>
        ProcessTargetSeconds.TryGetValue(row.N, out var target)
            ? string.Create(CultureInfo.InvariantCulture,
                $"≤ {target:0.0#} s: {(Statistics.Median(row.WallSeconds) <= target ? "met" : "missed")}")
            : "—";
}
