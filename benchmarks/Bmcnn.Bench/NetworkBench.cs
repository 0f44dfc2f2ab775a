using System.Diagnostics;
using System.Globalization;
using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Bench;

/// <summary>
/// <c>bmcnn bench network</c>: in-process inference rates of the synthetic VGG-style network (<see cref="VggNetwork"/>)
/// on random images, against the targets on 2 cores (software ≥ 200, behavioral ≥ 40 images per second); circuit
/// mode is timed as its compilation (every tile's transfer matrix) plus its inference. Each mode is warmed up on a few
/// images first (JIT), and every timed run reports wall and CPU time; the straightforward software kernels run in the
/// same process as the fast ones, so their ratio is measured under the same load.
/// </summary>
public static class NetworkBench
{
    /// <summary>The modes in the order they run.</summary>
    public static IReadOnlyList<string> AllModes { get; } = ["reference", "software", "behavioral", "circuit"];

    /// <summary>Parses <c>--modes</c>.</summary>
    public static IReadOnlyList<string> ParseModes(string text)
    {
        var chosen = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var mode in chosen)
        {
            if (!AllModes.Contains(mode))
            {
                throw new Circuit.BmcnnException($"--modes: '{mode}' is not one of {string.Join(", ", AllModes)}");
            }
        }
        return chosen;
    }

    /// <summary>Runs the chosen modes on <paramref name="images"/> images each and writes a markdown table.</summary>
    public static void Run(TextWriter output, IReadOnlyList<string> modes, int images, int circuitImages, ulong seed, int threads)
    {
        var c = CultureInfo.InvariantCulture;
        var model = VggNetwork.Create(seed);
        var pixels = VggNetwork.Images(model, Math.Max(images, circuitImages), seed);
        output.WriteLine(string.Create(c, $"bmcnn bench network: synthetic VGG-style network, {VggNetwork.WeightCount(model):N0} binary " +
            $"weights, {VggNetwork.MacsPerImage(model) / 1e9:0.000} G multiply-accumulates per 32×32×3 image, random images, " +
            $"{(threads > 0 ? threads : Environment.ProcessorCount)} threads"));
        output.WriteLine($"machine: {MachineInfo.Describe()}");
        output.WriteLine();
        output.WriteLine("| mode | images | prepare | wall | CPU | images/s (wall) | images/s per CPU-second | target |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
        int[]? software = null;
        foreach (var mode in AllModes.Where(modes.Contains))
        {
            var spec = mode == "circuit" ? DevicePresets.RramWires.Spec : DevicePresets.Rram.Spec;
            int n = mode == "circuit" ? circuitImages : images;
            var prepare = Stopwatch.StartNew();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            InferencePipeline pipeline = mode switch
            {
                "reference" => new InferencePipeline(model, new ReferenceKernels(), threads),
                "software" => InferencePipeline.Software(model, threads),
                "behavioral" => new CrossbarInference(MappedNetwork.Program(model, spec, seed), InferenceMode.Behavioral, threads).Pipeline,
                _ => new CrossbarInference(MappedNetwork.Program(model, spec, seed), InferenceMode.Circuit, threads).Pipeline,
            };
            double prepareSeconds = prepare.Elapsed.TotalSeconds;
            double prepareCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            pipeline.Predict(pixels, Math.Min(n, 4));
            cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var predictions = pipeline.Predict(pixels, n);
            double wall = watch.Elapsed.TotalSeconds;
            double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            string agree = "";
            if (mode is "reference" or "software")
            {
                if (software is not null)
                {
                    int same = software.Zip(predictions).Count(p => p.First == p.Second);
                    agree = string.Create(c, $"; predictions equal the other software kernels on {same}/{Math.Min(software.Length, n)}");
                }
                software ??= predictions;
            }
            double target = mode switch { "software" => 200, "behavioral" => 40, _ => 0 };
            string verdict = target > 0 ? string.Create(c, $"≥ {target} /s: {(n / wall >= target ? "met" : "missed")}") : "";
            output.WriteLine(string.Create(c,
                $"| {mode} | {n:N0} | {prepareSeconds:0.00} s ({prepareCpu:0.00} s CPU) | {wall:0.000} s | {cpu:0.000} s | {n / wall:0.0} | " +
                $"{n / Math.Max(cpu, 1e-9):0.0} | {verdict}{agree} |"));
        }
        output.WriteLine();
        output.WriteLine($"classes predicted (software): {(software is null ? "-" : string.Join(",", software.Distinct().Order()))}");
        output.WriteLine($"load average after: {MachineInfo.LoadAverage()}");
    }
}
