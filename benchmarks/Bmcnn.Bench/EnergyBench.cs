using System.Globalization;
using System.Text.Json;
using Bmcnn.Circuit;

namespace Bmcnn.Bench;

/// <summary>
/// <c>bmcnn bench energy</c>: what metering every read costs. Cold <c>bmcnn eval --mode circuit --r-wire 1</c>
/// processes with and without <c>--energy</c>, interleaved (the order alternates each repeat, so a change in machine
/// load hits both alike); reports each pair's CPU and wall ratio, their medians, and the target: on all 10,000 test
/// images the run with energy takes at most 1.5× the one without. Also checks that metering does not change a
/// prediction (same accuracy) and that the energy object is there.
/// </summary>
public static class EnergyBench
{
    /// <summary>The target: time with <c>--energy</c> over time without, on the whole test set.</summary>
    public const double TargetRatio = 1.5;

    /// <summary>Runs the pairs and writes the markdown report to <paramref name="output"/>; returns the median CPU ratio.</summary>
    /// <param name="output">Where the report goes.</param>
    /// <param name="repeat">Pairs of cold processes.</param>
    /// <param name="program">The bmcnn to time, or null for this same program.</param>
    /// <param name="data">MNIST folder passed to eval, or null for its default.</param>
    /// <param name="limit">Only the first N test images, or null for all.</param>
    /// <param name="model">Model file passed to eval, or null for the shipped default.</param>
    public static double Run(TextWriter output, int repeat, string? program, string? data, int? limit, string? model)
    {
        var c = CultureInfo.InvariantCulture;
        var args = new List<string> { "eval", "--mode", "circuit", "--r-wire", "1", "--seed", "1", "--json" };
        if (model is not null) args.AddRange(["--model", model]);
        if (data is not null) args.AddRange(["--data", data]);
        if (limit is { } n) args.AddRange(["--limit", n.ToString(c)]);
        var metered = args.Append("--energy").ToArray();
        output.WriteLine($"bmcnn bench energy: {repeat} pairs of cold `bmcnn eval` processes, without and with --energy, interleaved "
            + "(start-up, loading, device programming, tile compilation with or without the power forms, inference)");
        output.WriteLine($"machine: {MachineInfo.Describe()}");
        output.WriteLine();
        output.WriteLine("| pair | order | without: wall / CPU | with --energy: wall / CPU | ratio wall | ratio CPU | load |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        var wallRatios = new double[repeat];
        var cpuRatios = new double[repeat];
        double accuracy = double.NaN, joules = double.NaN;
        var images = 0;
        for (var r = 0; r < repeat; r++)
        {
            // Alternate which goes first, so a load that rises or falls through a pair does not favour one side.
            var energyFirst = r % 2 == 1;
            ChildProcess.Run plain, withEnergy;
            if (energyFirst)
            {
                withEnergy = ChildProcess.Bmcnn(metered, keepOutput: true, program).EnsureSuccess(metered);
                plain = ChildProcess.Bmcnn(args, keepOutput: true, program).EnsureSuccess(args);
            }
            else
            {
                plain = ChildProcess.Bmcnn(args, keepOutput: true, program).EnsureSuccess(args);
                withEnergy = ChildProcess.Bmcnn(metered, keepOutput: true, program).EnsureSuccess(metered);
            }
            using var a = JsonDocument.Parse(plain.Output);
            using var b = JsonDocument.Parse(withEnergy.Output);
            var plainAccuracy = a.RootElement.GetProperty("accuracy").GetDouble();
            accuracy = b.RootElement.GetProperty("accuracy").GetDouble();
            if (plainAccuracy != accuracy)
            {
                throw new BmcnnException($"bench energy: --energy changed the accuracy ({plainAccuracy:R} without, {accuracy:R} with)");
            }
            images = b.RootElement.GetProperty("images").GetInt32();
            joules = b.RootElement.GetProperty("energy").GetProperty("totalJ").GetDouble();
            wallRatios[r] = withEnergy.Wall.TotalSeconds / plain.Wall.TotalSeconds;
            cpuRatios[r] = withEnergy.Cpu.TotalSeconds / plain.Cpu.TotalSeconds;
            output.WriteLine(string.Create(c,
                $"| {r + 1} | {(energyFirst ? "with first" : "without first")} | {plain.Wall.TotalSeconds:0.0} s / {plain.Cpu.TotalSeconds:0.0} s | "
                + $"{withEnergy.Wall.TotalSeconds:0.0} s / {withEnergy.Cpu.TotalSeconds:0.0} s | {wallRatios[r]:0.000} | {cpuRatios[r]:0.000} | "
                + $"{MachineInfo.LoadAverage()} |"));
        }
        var cpu = Statistics.Median(cpuRatios);
        var wall = Statistics.Median(wallRatios);
        var verdict = images == 10000
            ? $"target ≤ {TargetRatio.ToString(c)}×: {(cpu <= TargetRatio && wall <= TargetRatio ? "met" : "missed")}"
            : $"target ≤ {TargetRatio.ToString(c)}× (full test set only)";
        output.WriteLine();
        output.WriteLine(string.Create(c,
            $"median ratio with/without --energy: CPU {cpu:0.000}×, wall {wall:0.000}× on {images:N0} images; {verdict}. "
            + $"Accuracy {100 * accuracy:0.00}% both ways; {joules * 1e9:0.000} nJ per image."));
        return cpu;
    }
}
