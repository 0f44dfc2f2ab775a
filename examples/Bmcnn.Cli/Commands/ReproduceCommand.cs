using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Bmcnn.Devices;
using Bmcnn.Network.Data;
using Bmcnn.Network.Model;
using Bmcnn.Study.Reproduction;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn reproduce [--out DIR] [--quick]</c>: the variation study on the shipped models (no training), writing
/// results.md, CSVs and PNG plots into DIR.
/// </summary>
public static class ReproduceCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "folder for results.md, CSVs and plots", DefaultValueFactory = _ => "results" };
        var quick = new Option<bool>("--quick")
        {
            Description = "fewer values, trials and images (about 1.5 minutes on 2 idle cores; the full run about 15)",
        };
        var data = CommonOptions.Data();
        var model = CommonOptions.Model();
        var vatModel = new Option<string?>("--vat-model") { Description = "variation-aware model (default: the shipped lenet-vat)" };
        var device = new Option<string?>("--device") { Description = "device spec JSON file or preset name (default: rram, R_OFF/R_ON = 10)" };
        var seed = new Option<long>("--seed") { Description = "base seed", DefaultValueFactory = _ => 1 };
        var jobs = new Option<int>("--jobs") { Description = "trials run at once (0 = one per core)", DefaultValueFactory = _ => 0 };
        var threads = CommonOptions.Threads("worker threads in all (0 = all cores)");
        var command = new Command("reproduce",
            "Run the variation study on the shipped models: software vs behavioral vs circuit, accuracy vs σ, mitigations, wire resistance")
        {
            output, quick, data, model, vatModel, device, seed, jobs, threads,
        };
        command.SetAction(async (parseResult, cancellation) =>
        {
            var writer = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var clock = Stopwatch.StartNew();
            var spec = DeviceOptions.Base(parseResult.GetValue(device));
            var modelPath = parseResult.GetValue(model);
            var vatPath = parseResult.GetValue(vatModel);
            var folder = MnistFolder.Resolve(parseResult.GetValue(data), progress: writer);
            var test = MnistFolder.LoadTest(folder);
            BnnModel? vatModelFile;
            try
            {
                vatModelFile = vatPath is null ? DefaultModel.Load(DefaultModel.LenetVariationAware) : ModelFile.Load(vatPath);
            }
            catch (Bmcnn.Circuit.BmcnnException) when (vatPath is null)
            {
                writer.WriteLine("note: no shipped variation-aware model (models/lenet-vat.bmcnn); the vat mitigation is skipped");
                vatModelFile = null;
            }
            MnistSet? train = null;
            var gate = new object();
            var inputs = new ReproductionInputs(
                DefaultModel.LoadOrDefault(modelPath), modelPath ?? "shipped lenet (models/lenet.bmcnn)",
                vatModelFile, vatModelFile is null ? "none found (vat skipped)" : vatPath ?? "shipped lenet-vat (models/lenet-vat.bmcnn)",
                spec.Validate(), test,
                () =>
                {
                    lock (gate)
                    {
                        return train ??= MnistFolder.LoadTrain(folder);
                    }
                },
                parseResult.GetValue(threads), parseResult.GetValue(seed))
            {
                NoiseModel = DefaultModel.Load(DefaultModel.LenetNoiseAware),
            };
            var cores = inputs.Threads > 0 ? inputs.Threads : Environment.ProcessorCount;
            var trialsAtOnce = parseResult.GetValue(jobs) is > 0 and var j ? j : cores;
            var plan = parseResult.GetValue(quick) ? ReproductionPlan.Quick : ReproductionPlan.Full;
            var outDir = OptionValues.Path(parseResult, output);
            await Task.Yield();
            // SIGTERM and Ctrl-C stop the sweeps; results.md is still written from the rows that are done.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            var reproduction = new ReproductionRunner(inputs, plan, outDir,
                (grid, csv, evaluator) => SweepCommand.Run(grid, ShardSpec.All, csv, evaluator, trialsAtOnce, writer, error, stop.Token),
                writer);
            var results = reproduction.Run();
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {results} and the CSVs and plots beside it in {clock.Elapsed.TotalSeconds:F0} s"));
            return reproduction.Interrupted ? 130 : 0;

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        });
        return command;
    }
}
