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
        var model = CommonOptions.Model();
        var vatModel = new Option<string?>("--vat-model") { Description = "variation-aware model (default: the shipped lenet-vat)" };
        var device = new Option<string?>("--device") { Description = "device spec JSON file or preset name (default: rram, R_OFF/R_ON = 10)" };
        var seed = new Option<long>("--seed") { Description = "base seed", DefaultValueFactory = _ => 1 };
        var jobs = CommonOptions.Jobs();
        var threads = CommonOptions.Threads("worker threads in all (0 = all cores)");
        var command = new Command("reproduce",
            "Run the variation study on the shipped models: software vs behavioral vs circuit, accuracy vs σ, mitigations, wire resistance")
        {
            output, quick, model, vatModel, device, seed, jobs, threads,
        };
        var dataset = new DatasetOptions().AddTo(command);
        command.SetAction(async (parseResult, cancellation) =>
        {
            var writer = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var clock = Stopwatch.StartNew();
            var spec = DeviceOptions.Base(parseResult.GetValue(device));
            var modelPath = parseResult.GetValue(model);
            var vatPath = parseResult.GetValue(vatModel);
            var source = dataset.Resolve(parseResult, writer);
            var mainModel = DefaultModel.LoadOrDefault(modelPath);
            var test = DatasetOptions.Test(source, (DatasetOptions.ModelLabel(modelPath), mainModel));
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
            // The shipped lenet-vat and lenet-vat-noise are MNIST models: on another dataset their mitigations are
            // skipped unless --vat-model names a model for it (which is then checked like --model).
            bool shippedFit = source.Name == ModelDataset.NameOf(DefaultModel.Load(DefaultModel.LenetNoiseAware));
            if (vatPath is not null && vatModelFile is not null)
            {
                DatasetOptions.Check(source, test, (vatPath, vatModelFile));
            }
            else if (vatModelFile is not null && !shippedFit)
            {
                writer.WriteLine($"note: the shipped lenet-vat is an MNIST model; on {source.Name} the vat mitigation is skipped");
                vatModelFile = null;
            }
            MnistSet? train = null;
            var gate = new object();
            var inputs = new ReproductionInputs(
                mainModel, modelPath ?? "shipped lenet (models/lenet.bmcnn)",
                vatModelFile, vatModelFile is not null ? vatPath ?? "shipped lenet-vat (models/lenet-vat.bmcnn)"
                    : shippedFit ? "none found (vat skipped)" : $"none for {source.Name} (vat skipped)",
                spec.Validate(), test,
                () =>
                {
                    lock (gate)
                    {
                        return train ??= source.LoadTrain();
                    }
                },
                parseResult.GetValue(threads), parseResult.GetValue(seed))
            {
                NoiseModel = shippedFit ? DefaultModel.Load(DefaultModel.LenetNoiseAware) : null,
                DatasetTitle = source.Title,
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
