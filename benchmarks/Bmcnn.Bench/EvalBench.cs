using System.Globalization;
using System.Text.Json;
using Bmcnn.Circuit;

namespace Bmcnn.Bench;

/// <summary>
/// <c>bmcnn bench eval</c>: cold <c>bmcnn eval</c> processes on all 10,000 test images in each inference mode, against
/// the targets on 2 cores (software ≤ 1.7 s, behavioral ≤ 7 s, circuit ≤ 2 min).
/// </summary>
public static class EvalBench
{
    private static readonly (string Mode, string[] Args, double TargetSeconds)[] Runs =
    [
        ("software", ["--mode", "software"], 1.7),
        ("behavioral", ["--mode", "behavioral", "--sigma-on", "0.2", "--sigma-off", "0.2", "--seed", "1"], 7),
        ("circuit", ["--mode", "circuit", "--r-wire", "1", "--seed", "1"], 120),
    ];

    /// <summary>Every mode, comma-separated: the default of <c>--modes</c>.</summary>
    public static string AllModes => string.Join(',', Runs.Select(r => r.Mode));

    /// <summary>Parses <c>--modes</c>: comma-separated names among software, behavioral, circuit.</summary>
    public static IReadOnlyList<string> ParseModes(string text)
    {
        var chosen = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var mode in chosen)
        {
            if (!Runs.Any(r => r.Mode == mode))
            {
                throw new BmcnnException($"--modes: '{mode}' is not one of software, behavioral, circuit");
            }
        }
        return chosen;
    }

    /// <summary>
    /// Times <paramref name="repeat"/> cold <c>bmcnn eval --json</c> processes per chosen mode and program (interleaved)
    /// and writes the markdown table to <paramref name="output"/>, a row as each mode finishes.
    /// </summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="modes">Modes to time (<see cref="ParseModes"/>).</param>
    /// <param name="repeat">Cold processes per mode and program.</param>
    /// <param name="programs">Programs to time (<see cref="BenchPrograms.Resolve"/>).</param>
    /// <param name="data">MNIST folder passed to eval, or null for its default.</param>
    /// <param name="limit">Only the first N test images, or null for all.</param>
    public static void Run(TextWriter output, IReadOnlyList<string> modes, int repeat, IReadOnlyList<string?> programs,
        string? data, int? limit)
    {
        var c = CultureInfo.InvariantCulture;
        var perWhat = programs.Count > 1 ? "per mode and program, interleaved" : "per mode";
        output.WriteLine($"bmcnn bench eval: {repeat} cold `bmcnn eval` processes {perWhat} "
            + "(start-up, data and model loading, JIT, device programming, compilation, inference)");
        output.WriteLine($"machine: {MachineInfo.Describe()}");
        output.WriteLine();
        output.WriteLine("| mode | command | images | accuracy | wall median | wall min | CPU median | target |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var (mode, modeArgs, target) in Runs.Where(r => modes.Contains(r.Mode)))
        {
            var args = new List<string> { "eval" };
            args.AddRange(modeArgs);
            args.Add("--json");
            if (data is not null)
            {
                args.AddRange(["--data", data]);
            }
            if (limit is { } n)
            {
                args.AddRange(["--limit", n.ToString(c)]);
            }
            var wall = programs.Select(_ => new double[repeat]).ToArray();
            var cpu = programs.Select(_ => new double[repeat]).ToArray();
            var result = new JsonElement[programs.Count];
            for (var r = 0; r < repeat; r++)
            {
                for (var p = 0; p < programs.Count; p++)
                {
                    var run = ChildProcess.Bmcnn(args, keepOutput: true, programs[p]).EnsureSuccess(args);
                    wall[p][r] = run.Wall.TotalSeconds;
                    cpu[p][r] = run.Cpu.TotalSeconds;
                    result[p] = JsonDocument.Parse(run.Output).RootElement.Clone();
                }
            }
            for (var p = 0; p < programs.Count; p++)
            {
                var median = Statistics.Median(wall[p]);
                var images = result[p].GetProperty("images").GetInt32();
                // A target is for the whole test set; a --limit run is a smoke test, not a verdict.
                var verdict = images == 10000
                    ? $"≤ {target.ToString(c)} s: {(median <= target ? "met" : "missed")}"
                    : $"≤ {target.ToString(c)} s (full test set only)";
                var accuracy = result[p].GetProperty("accuracy").GetDouble() * 100;
                output.WriteLine(string.Create(c,
                    $"| {mode} | `{programs[p] ?? "bmcnn"} {string.Join(' ', args)}` | {images:N0} | {accuracy:0.00}% | {median:0.00} s | "
                    + $"{wall[p].Min():0.00} s | {Statistics.Median(cpu[p]):0.00} s | {verdict} |"));
            }
        }
    }
}
