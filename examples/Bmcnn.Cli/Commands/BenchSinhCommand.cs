using System.CommandLine;
using System.Globalization;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Data;
using Bmcnn.Network.Model;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn bench sinh --device FILE --images 20</c>: circuit mode with sinh devices and resistive wires, the blocked
/// chain solver against per-vector Newton on every tile vector of the first test images (<see cref="SinhBlockCheck"/>):
/// worst column-current deviation (judged against the per-vector chain Newton converged to 1e-13), predictions, CPU
/// time of both paths. Exit code 1 when a deviation exceeds 1e-6 or
/// a prediction differs.
/// </summary>
public static class BenchSinhCommand
{
    /// <summary>The largest relative column-current deviation accepted.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var data = CommonOptions.Data();
        var images = new Option<int>("--images") { Description = "the first N test images", DefaultValueFactory = _ => 20 };
        var sparse = new Option<int>("--sparse-images")
        {
            Description = "the first K of them also against the engine's sparse Newton (~90 s CPU per image)",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("sinh", "Blocked sinh circuit solver vs per-vector Newton on every tile of the first test images")
        {
            model, data, images, sparse,
        };
        var device = new DeviceOptions().AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var spec = device.Spec(parse);
            var n = parse.GetValue(images);
            var k = parse.GetValue(sparse);
            if (n < 1) throw new Circuit.BmcnnException($"--images must be at least 1, got {n}");
            if (k < 0 || k > n) throw new Circuit.BmcnnException($"--sparse-images must be between 0 and --images, got {k}");
            var net = DefaultModel.LoadOrDefault(parse.GetValue(model));
            var test = MnistFolder.LoadTest(MnistFolder.Resolve(parse.GetValue(data), progress: output)).Take(n);
            var network = MappedNetwork.Program(net, spec, device.Seed(parse));
            output.WriteLine($"{spec}");
            output.WriteLine(MachineLine());
            var r = SinhBlockCheck.Run(network, test.Pixels, test.ImageSize, test.Count, k, output);
            var same = r.BlockedPredictions.Zip(r.PerVectorPredictions).Count(p => p.First == p.Second);
            var correct = r.BlockedPredictions.Zip(test.Labels).Count(p => p.First == p.Second);
            var ok = r.WorstVsConverged <= Tolerance && (r.SparseVectors == 0 || r.WorstVsSparse <= Tolerance) && r.PredictionsEqual;
            var sparseText = r.SparseVectors > 0 ? F($"{r.WorstVsSparse:E2} on {r.SparseVectors} tile vectors") : "not run";
            output.WriteLine(F($"{r.Images} images, {r.TileVectors} tile vectors: worst column-current deviation vs per-vector chain Newton ")
                + F($"{r.WorstVsChain:E2}; vs sparse Newton {sparseText}"));
            output.WriteLine(F($"worst vs per-vector chain Newton converged to {SinhBlockCheck.ConvergedTolerance:G2}: {r.WorstVsConverged:E2} ")
                + F($"(the judge; the per-vector chain at its default tolerance is {r.ChainVsConverged:E2} from it)"));
            output.WriteLine(F($"tile solves CPU: blocked {r.BlockedSeconds:F2} s, per-vector chain {r.ChainSeconds:F2} s ")
                + F($"({r.ChainSeconds / r.BlockedSeconds:F2}x)") + (r.SparseVectors > 0 ? F($", sparse Newton {r.SparseSeconds:F2} s") : ""));
            output.WriteLine(F($"circuit-mode inference CPU per image: blocked {r.BlockedEvalSeconds / r.Images:F3} s, per-vector ")
                + F($"{r.PerVectorEvalSeconds / r.Images:F3} s ({r.PerVectorEvalSeconds / r.BlockedEvalSeconds:F2}x)"));
            output.WriteLine($"predictions identical: {same}/{r.Images} ({correct}/{r.Images} correct): {(ok ? "PASS" : "FAIL")}");
            return ok ? 0 : 1;
        });
        return command;
    }

    private static string MachineLine() => F($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average ")
        + (File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown");

    private static string F(FormattableString text) => FormattableString.Invariant(text);
}
