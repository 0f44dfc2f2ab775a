using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bmcnn.Circuit;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Data;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Cli.Commands;

/// <summary><c>bmcnn eval</c>: classifies the MNIST test images with a model and reports the accuracy.</summary>
public static class EvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var mode = new Option<string>("--mode")
        {
            Description = "inference mode: software|behavioral|circuit",
            DefaultValueFactory = _ => "software",
        };
        var model = CommonOptions.Model();
        var limit = CommonOptions.Limit();
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var predictions = new Option<string?>("--predictions") { Description = "write index,label,predicted CSV" };
        var threads = CommonOptions.Threads();
        var energy = new Option<bool>("--energy") { Description = "also report energy per image, latency and throughput (hardware modes)" };
        var programmed = new Option<string?>("--programmed")
        {
            Description = "use the physically programmed tile in FILE (from bmcnn program --out) for its layer and tile",
        };
        var verify = new Option<double?>("--verify") { Description = "statistical program-and-verify of every device to ±TOL before --programmed" };
        var command = new Command("eval", "classify the MNIST test images and report the accuracy")
        {
            mode, model, limit, json, predictions, threads, energy, programmed, verify,
        };
        var images = new DatasetOptions().AddTo(command);
        var device = new DeviceOptions().AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            string modeName = parse.GetValue(mode)!;
            InferenceMode? hardware = modeName switch
            {
                "software" => null,
                "behavioral" => InferenceMode.Behavioral,
                "circuit" => InferenceMode.Circuit,
                _ => throw new BmcnnException($"--mode: unknown mode '{modeName}' (known: software, behavioral, circuit)"),
            };
            // Device options are checked before any file is read, so a bad value fails fast.
            var spec = hardware is null ? null : device.Spec(parse);
            if (parse.GetValue(energy) && hardware is null)
            {
                throw new BmcnnException("--energy needs --mode behavioral or circuit");
            }
            var programmedPath = OptionValues.Path(parse.GetValue(programmed), programmed);
            if ((programmedPath is not null || parse.GetValue(verify) is not null) && hardware is null)
            {
                throw new BmcnnException("--programmed and --verify need --mode behavioral or circuit");
            }
            if (parse.GetValue(verify) is { } tol && !(tol > 0 && tol < 1))
            {
                throw new BmcnnException($"--verify: tolerance must be between 0 and 1, got {tol}");
            }
            var physical = programmedPath is null ? null : Mapping.Programming.PhysicalTileFile.Read(programmedPath);
            string? modelPath = parse.GetValue(model);
            var net = DefaultModel.LoadOrDefault(modelPath);
            var test = images.Test(parse, output, (DatasetOptions.ModelLabel(modelPath), net)).Take(parse.GetValue(limit));
            InferenceResult result;
            double compileSeconds = 0;
            EnergyReport? report = null;
            MappedNetwork? network = null;
            if (hardware is { } hardwareMode)
            {
                // Compiling (programming every tile and, in circuit mode, every transfer matrix) is part of the run.
                var watch = System.Diagnostics.Stopwatch.StartNew();
                network = MappedNetwork.Program(net, spec!, device.Seed(parse));
                if (parse.GetValue(verify) is { } tolerance) Mapping.Mitigations.ProgramAndVerify.Apply(network, tolerance);
                physical?.ApplyTo(network, programmedPath!);
                var meter = parse.GetValue(energy) ? new EnergyMeter(network.Layers.Count, spec!.Periphery.ReadPulseWidth) : null;
                var inference = new CrossbarInference(network, hardwareMode, parse.GetValue(threads), meter);
                compileSeconds = watch.Elapsed.TotalSeconds;
                result = inference.Evaluate(test);
                report = meter is null ? null : EnergyReport.From(network, meter);
                result = result with { Seconds = result.Seconds + compileSeconds };
            }
            else
            {
                result = new InferencePipeline(net, new SoftwareKernels(), parse.GetValue(threads)).Evaluate(test);
            }
            string? csv = OptionValues.Path(parse.GetValue(predictions), predictions);
            if (csv is not null)
            {
                WritePredictions(csv, result);
            }
            if (parse.GetValue(json))
            {
                var hardwareInfo = spec is null ? ((double, ulong, string)?)null : (compileSeconds, device.Seed(parse), spec.Name);
                output.WriteLine(Json(result, modelPath ?? "default:lenet", hardwareInfo, report));
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"mode {result.Mode}: {result.Correct}/{result.Images} correct, accuracy {result.Accuracy * 100:F2}% in {result.Seconds:F2} s"));
                if (spec is not null)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"hardware: {spec}; seed {device.Seed(parse)}; compile {compileSeconds:F2} s"));
                    output.WriteLine($"layers: {LayerPlacement.Summary(LayerPlacement.Of(network!))}");
                }
                if (report is not null) EnergyOutput.WriteTable(output, report);
            }
            return 0;
        });
        return command;
    }

    // Written field by field (no reflection, so the NativeAOT build works); compact, default escaping.
    private static string Json(InferenceResult result, string model, (double CompileSeconds, ulong Seed, string Device)? hardware,
        EnergyReport? energy)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("mode", result.Mode);
            writer.WriteString("model", model);
            writer.WriteNumber("images", result.Images);
            writer.WriteNumber("correct", result.Correct);
            writer.WriteNumber("accuracy", result.Accuracy);
            writer.WriteNumber("seconds", Math.Round(result.Seconds, 4));
            if (hardware is { } h)
            {
                writer.WriteNumber("compileSeconds", Math.Round(h.CompileSeconds, 4));
                writer.WriteNumber("seed", h.Seed);
                writer.WriteString("device", h.Device);
            }
            if (energy is not null) EnergyOutput.WriteJson(writer, energy);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WritePredictions(string path, InferenceResult result)
    {
        var sb = new StringBuilder("index,label,predicted\n");
        for (int i = 0; i < result.Images; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{i},{result.Labels[i]},{result.Predictions[i]}\n");
        }
        AtomicFile.WriteText(path, sb.ToString());
    }
}
