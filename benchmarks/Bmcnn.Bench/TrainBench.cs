using System.Globalization;
using System.Text.RegularExpressions;
using Bmcnn.Circuit;

namespace Bmcnn.Bench;

/// <summary>
/// <c>bmcnn bench train</c>: one cold <c>bmcnn train --epochs 1</c> process on the 60,000 training images; reports the
/// epoch time the trainer measured and the whole process, against the ≤ 136 s per epoch target on 2 cores.
/// </summary>
public static partial class TrainBench
{
    private const double EpochTargetSeconds = 136;

    /// <summary>Runs the training process and writes the one-row markdown table to <paramref name="output"/>.</summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="program">The bmcnn to time (<see cref="BenchPrograms.Resolve"/>), or null for this one.</param>
    /// <param name="seed">Training seed.</param>
    /// <param name="data">MNIST folder passed to train, or null for its default.</param>
    /// <param name="limit">Train on the first N images only (the epoch time is scaled to 60k), or null for all.</param>
    public static void Run(TextWriter output, string? program, int seed, string? data, int? limit)
    {
        var c = CultureInfo.InvariantCulture;
        var dir = Directory.CreateTempSubdirectory("bmcnn-bench-train-");
        try
        {
            var args = new List<string>
            {
                "train", "--epochs", "1", "--seed", seed.ToString(c), "--test-limit", "1000",
                "--out", Path.Combine(dir.FullName, "bench.bmcnn"),
            };
            if (data is not null)
            {
                args.AddRange(["--data", data]);
            }
            if (limit is { } n)
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
            var verdict = per60k <= EpochTargetSeconds ? "met" : "missed";
            output.WriteLine("bmcnn bench train: one cold `bmcnn train --epochs 1` process (lenet, batch 100, Adam)");
            output.WriteLine($"machine: {MachineInfo.Describe()}");
            output.WriteLine();
            output.WriteLine("| command | epoch time | per 60k images | test accuracy (1,000 images) | process wall | process CPU | target |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---|");
            output.WriteLine(string.Create(c,
                $"| `{program ?? "bmcnn"} {string.Join(" ", args)}` | {match.Groups["epoch"].Value} s | {per60k:0.0} s | "
                + $"{match.Groups["acc"].Value}% | {run.Wall.TotalSeconds:0.0} s | {run.Cpu.TotalSeconds:0.0} s | "
                + $"≤ {EpochTargetSeconds:0} s per 60k: {verdict} |"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"test acc (?<acc>[0-9.]+)% epoch time (?<epoch>[0-9.]+) s \((?<per60k>[0-9.]+) s per 60k images\)")]
    private static partial Regex EpochLine();
}
