using System.Diagnostics;
using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Network.Exchange;
using Bmcnn.Network.Model;

namespace Bmcnn.Bench;

/// <summary>
/// <c>bmcnn bench import</c>: imports an ONNX model of the synthetic VGG-style network (<see cref="VggNetwork"/>,
/// written by the product's own exporter) against the target of ≤ 2 s on 2 cores. Times the import in this process
/// (after one warm-up import) and as cold <c>bmcnn import onnx</c> processes, which add start-up, JIT and writing the
/// model file; checks that the imported weights are the exported ones.
/// </summary>
public static class ImportBench
{
    /// <summary>Runs the benchmark and writes a markdown table.</summary>
    public static void Run(TextWriter output, int repeat, ulong seed, string? program)
    {
        var c = CultureInfo.InvariantCulture;
        var model = VggNetwork.Create(seed);
        string folder = Path.Combine(Path.GetTempPath(), $"bmcnn-bench-import-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            string onnx = Path.Combine(folder, "vgg.onnx");
            OnnxExport.Save(model, onnx);
            output.WriteLine(string.Create(c, $"bmcnn bench import: synthetic VGG-style network, {VggNetwork.WeightCount(model):N0} binary " +
                $"weights, ONNX file {new FileInfo(onnx).Length / 1e6:0.0} MB (float32 weights, written by `bmcnn export onnx`)"));
            output.WriteLine($"machine: {MachineInfo.Describe()}");
            output.WriteLine();
            var imported = OnnxImport.Import(onnx);
            Check(model, imported);
            var wall = new double[repeat];
            var cpu = new double[repeat];
            for (int r = 0; r < repeat; r++)
            {
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                OnnxImport.Import(onnx);
                wall[r] = watch.Elapsed.TotalSeconds;
                cpu[r] = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            }
            var coldWall = new double[repeat];
            var coldCpu = new double[repeat];
            var args = new[] { "import", "onnx", onnx, "--out", Path.Combine(folder, "vgg.bmcnn") };
            for (int r = 0; r < repeat; r++)
            {
                var run = ChildProcess.Bmcnn(args, keepOutput: false, program).EnsureSuccess(args);
                coldWall[r] = run.Wall.TotalSeconds;
                coldCpu[r] = run.Cpu.TotalSeconds;
            }
            output.WriteLine("| what | runs | wall median | wall min | CPU median | target |");
            output.WriteLine("|---|---:|---:|---:|---:|---|");
            Row(output, "OnnxImport.Import (in process, warm)", wall, cpu);
            Row(output, $"`{program ?? "bmcnn"} import onnx vgg.onnx --out vgg.bmcnn` (cold process)", coldWall, coldCpu);
            output.WriteLine();
            output.WriteLine($"imported weights equal the exported ones: yes; load average after: {MachineInfo.LoadAverage()}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Row(TextWriter output, string what, double[] wall, double[] cpu)
    {
        double median = Statistics.Median(wall);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {wall.Length} | {median:0.000} s | {wall.Min():0.000} s | {Statistics.Median(cpu):0.000} s | " +
            $"≤ 2 s: {(median <= 2 ? "met" : "missed")} |"));
    }

    private static void Check(BnnModel exported, BnnModel imported)
    {
        var a = exported.Blocks.Select(b => b.Weighted).ToArray();
        var b = imported.Blocks.Select(b => b.Weighted).ToArray();
        bool same = a.Length == b.Length
            && a.Zip(b).All(p => p.First.Digital == p.Second.Digital && p.First.Weights.AsSpan().SequenceEqual(p.Second.Weights));
        if (!same)
        {
            throw new BmcnnException("bench import: the imported weights differ from the exported ones");
        }
    }
}
