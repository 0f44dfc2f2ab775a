using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Bmcnn.Circuit;
using Bmcnn.Cli.Bench;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn bench train</c>: one cold <c>bmcnn train --epochs 1</c> process on the 60,000 training images; reports
/// the epoch time the trainer measured and the whole process, against the ≤ 136 s per epoch target on 2 cores.
/// </summary>
public static partial class BenchTrainCommand
{
    private const double EpochTargetSeconds = 136;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "MNIST folder (passed to train)" };
        var limit = new Option<int?>("--limit") { Description = "train on the first N images only (the epoch time is scaled to 60k)" };
        var seed = new Option<int>("--seed") { Description = "training seed", DefaultValueFactory = _ => 1 };
        var bmcnn = BmcnnProgramOption.Create(repeatable: false);
        var command = new Command("train", "Time one training epoch of the default lenet in a fresh `bmcnn train` process") { data, limit, seed, bmcnn };
        command.SetAction(parseResult =>
        {
            var c = CultureInfo.InvariantCulture;
            var program = BmcnnProgramOption.Programs(parseResult, bmcnn)[0];
            var dir = Directory.CreateTempSubdirectory("bmcnn-bench-train-");
            try
            {
                var args = new List<string>
                {
                    "train", "--epochs", "1", "--seed", parseResult.GetValue(seed).ToString(c), "--test-limit", "1000",
                    "--out", Path.Combine(dir.FullName, "bench.bmcnn"),
                };
                if (parseResult.GetValue(data) is { } folder)
                {
                    args.AddRange(["--data", folder]);
                }
                if (parseResult.GetValue(limit) is { } n)
                {
                    args.AddRange(["--limit", n.ToString(c)]);
                }
                var run = ChildProcess.Bmcnn(args, keepOutput: true, program).EnsureSuccess(args);
                var match = EpochLine().Match(run.Output + run.Error);
                if (!match.Success)
                {
                    throw new BmcnnException("bench train: the training log has no 'epoch time' line");
                }
                var per60k = double.Parse(match.Groups["per60k"].Value, c);
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("bmcnn bench train: one cold `bmcnn train --epochs 1` process (lenet, batch 100, Adam)");
                output.WriteLine($"machine: {MachineInfo.Describe()}");
                output.WriteLine();
                output.WriteLine("| command | epoch time | per 60k images | test accuracy (1,000 images) | process wall | process CPU | target |");
                output.WriteLine("|---|---:|---:|---:|---:|---:|---|");
                output.WriteLine(string.Create(c,
                    $"| `{program ?? "bmcnn"} {string.Join(" ", args)}` | {match.Groups["epoch"].Value} s | {per60k:0.0} s | {match.Groups["acc"].Value}% | {run.Wall.TotalSeconds:0.0} s | {run.Cpu.TotalSeconds:0.0} s | ≤ {EpochTargetSeconds:0} s per 60k: {(per60k <= EpochTargetSeconds ? "met" : "missed")} |"));
                return 0;
            }
            finally
            {
                dir.Delete(recursive: true);
            }
        });
        return command;
    }

    [GeneratedRegex(@"test acc (?<acc>[0-9.]+)% epoch time (?<epoch>[0-9.]+) s \((?<per60k>[0-9.]+) s per 60k images\)")]
    private static partial Regex EpochLine();
}
