using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bmcnn.Circuit;
using Bmcnn.Cli.Bench;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn bench eval</c>: cold <c>bmcnn eval</c> processes on all 10,000 test images in each inference mode, with
/// the targets of the hardware-inference issues (software ≤ 1.7 s, behavioral ≤ 7 s, circuit ≤ 2 min on 2 cores).
/// </summary>
public static class BenchEvalCommand
{
    private static readonly (string Mode, string[] Args, double TargetSeconds)[] Runs =
    [
        ("software", ["--mode", "software"], 1.7),
        ("behavioral", ["--mode", "behavioral", "--sigma-on", "0.2", "--sigma-off", "0.2", "--seed", "1"], 7),
        ("circuit", ["--mode", "circuit", "--r-wire", "1", "--seed", "1"], 120),
    ];

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var modes = new Option<string>("--modes") { Description = "comma-separated modes to time: software,behavioral,circuit", DefaultValueFactory = _ => "software,behavioral,circuit" };
        var repeat = new Option<int>("--repeat") { Description = "cold processes per mode (the median is reported)", DefaultValueFactory = _ => 3 };
        var data = new Option<string?>("--data") { Description = "MNIST folder (passed to eval)" };
        var limit = new Option<int?>("--limit") { Description = "only the first N test images (default: all 10,000)" };
        var bmcnn = BmcnnProgramOption.Create(repeatable: true);
        var command = new Command("eval", "Time whole `bmcnn eval` processes on the test set in each inference mode") { modes, repeat, data, limit, bmcnn };
        command.SetAction(parseResult =>
        {
            var count = parseResult.GetValue(repeat);
            if (count < 1)
            {
                throw new BmcnnException($"--repeat must be at least 1, got {count}");
            }
            var chosen = parseResult.GetValue(modes)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var mode in chosen)
            {
                if (!Runs.Any(r => r.Mode == mode))
                {
                    throw new BmcnnException($"--modes: '{mode}' is not one of software, behavioral, circuit");
                }
            }
            var programs = BmcnnProgramOption.Programs(parseResult, bmcnn);
            var output = parseResult.InvocationConfiguration.Output;
            var c = CultureInfo.InvariantCulture;
            var perWhat = programs.Count > 1 ? "per mode and program, interleaved" : "per mode";
            output.WriteLine($"bmcnn bench eval: {count} cold `bmcnn eval` processes {perWhat} (start-up, data and model loading, JIT, device programming, compilation, inference)");
            output.WriteLine($"machine: {MachineInfo.Describe()}");
            output.WriteLine();
            output.WriteLine("| mode | command | images | accuracy | wall median | wall min | CPU median | target |");
            output.WriteLine("|---|---|---:|---:|---:|---:|---:|---|");
            foreach (var (mode, modeArgs, target) in Runs.Where(r => chosen.Contains(r.Mode)))
            {
                var args = new List<string> { "eval" };
                args.AddRange(modeArgs);
                args.Add("--json");
                if (parseResult.GetValue(data) is { } folder)
                {
                    args.AddRange(["--data", folder]);
                }
                if (parseResult.GetValue(limit) is { } n)
                {
                    args.AddRange(["--limit", n.ToString(c)]);
                }
                var wall = programs.Select(_ => new double[count]).ToArray();
                var cpu = programs.Select(_ => new double[count]).ToArray();
                var result = new JsonElement[programs.Count];
                for (var r = 0; r < count; r++)
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
                    var median = BenchCommand.Median(wall[p]);
                    var images = result[p].GetProperty("images").GetInt32();
                    // A target is for the whole test set; a --limit run is a smoke test, not a verdict.
                    var verdict = images == 10000 ? $"≤ {target.ToString(c)} s: {(median <= target ? "met" : "missed")}" : $"≤ {target.ToString(c)} s (full test set only)";
                    output.WriteLine(string.Create(c,
                        $"| {mode} | `{programs[p] ?? "bmcnn"} {string.Join(' ', args)}` | {images:N0} | {result[p].GetProperty("accuracy").GetDouble() * 100:0.00}% | {median:0.00} s | {wall[p].Min():0.00} s | {BenchCommand.Median(cpu[p]):0.00} s | {verdict} |"));
                }
            }
            return 0;
        });
        return command;
    }
}
