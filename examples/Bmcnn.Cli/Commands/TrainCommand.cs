using System.CommandLine;
using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Mapping.Mitigations;
using Bmcnn.Network.Model;
using Bmcnn.Network.Training;

namespace Bmcnn.Cli.Commands;

/// <summary><c>bmcnn train</c>: offline training of a binarized network on MNIST or another dataset, written as a model file.</summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var images = new DatasetOptions("folder of the named dataset (MNIST default: BMCNN_DATA, ./data/mnist, ../shared/data/mnist, download)");
        var arch = new Option<string>("--arch")
        {
            Description = $"architecture: {string.Join('|', Architectures.Names)}",
            DefaultValueFactory = _ => "lenet",
        };
        var widths = new Option<string?>("--widths")
        {
            Description = "layer widths, e.g. 32,64,512 for lenet, 512,512 for mlp, 32,64,256 for vgg-small",
        };
        var epochs = new Option<int>("--epochs") { Description = "passes over the training set", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "seed of every random draw", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "model file to write (after every epoch)", Required = true };
        var limit = CommonOptions.Limit("use only the first N training images");
        var sigma = new Option<double>("--train-sigma")
        {
            Description = "relative σ of Gaussian weight noise in training (variation-aware)",
            DefaultValueFactory = _ => 0.0,
        };
        var trainDevice = new Option<string?>("--train-device")
        {
            Description = "device-aware training: every batch draws each weight's device pair from this spec (JSON file or preset)",
        };
        var trainWires = new Option<string?>("--train-wires")
        {
            Description = "wire-aware training: weights carry the IR-drop gain of their position on this spec's wired tiles (JSON file or preset)",
        };
        var wireRefresh = new Option<int>("--wire-refresh")
        {
            Description = "training steps between recomputations of the wired tiles' gains",
            DefaultValueFactory = _ => 50,
        };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate (cosine decay to 0)", DefaultValueFactory = _ => 0.005 };
        var batch = new Option<int>("--batch") { Description = "batch size", DefaultValueFactory = _ => 100 };
        var bits = new Option<int>("--input-bits")
        {
            Description = "first-layer input quantization in bits (8 = none)",
            DefaultValueFactory = _ => 8,
        };
        var threads = CommonOptions.Threads();
        var checkpoint = new Option<string?>("--checkpoint") { Description = "checkpoint file (default: OUT.ckpt)" };
        var resume = new Option<bool>("--resume") { Description = "continue from the checkpoint if it exists" };
        var testLimit = new Option<int?>("--test-limit") { Description = "evaluate on the first N test images after each epoch" };
        var command = new Command("train", "train a binarized network on MNIST (or --dataset) and write the model file")
        {
            arch, widths, epochs, seed, output, limit, sigma, trainDevice, trainWires, wireRefresh, lr, batch, bits, threads, checkpoint,
            resume, testLimit,
        };
        images.AddTo(command);
        command.SetAction(parse =>
        {
            var log = parse.InvocationConfiguration.Output;
            var source = images.Resolve(parse, log);
            var options = new TrainingOptions
            {
                Arch = parse.GetValue(arch)!,
                Widths = ParseWidths(parse.GetValue(widths)),
                Epochs = parse.GetValue(epochs),
                Seed = parse.GetValue(seed),
                Limit = parse.GetValue(limit),
                TrainSigma = parse.GetValue(sigma),
                Perturbation = Perturbation(parse.GetValue(trainDevice), parse.GetValue(trainWires), parse.GetValue(wireRefresh),
                    parse.GetValue(seed), parse.GetValue(threads)),
                LearningRate = parse.GetValue(lr),
                BatchSize = parse.GetValue(batch),
                InputBits = parse.GetValue(bits),
                Threads = parse.GetValue(threads),
                Dataset = source.Name,
            };
            options.Validate();
            string outPath = OptionValues.Path(parse, output);
            var train = source.LoadTrain();
            var test = source.LoadTest().Take(parse.GetValue(testLimit));
            var count = Math.Min(train.Count, options.Limit ?? int.MaxValue);
            log.WriteLine($"training {options.Arch} on {count} {source.Name} images from {source.Folder}; {options.Fingerprint()}");
            var meta = new Dictionary<string, string>
            {
                ["train.command"] = "bmcnn " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
                [ModelDataset.MetadataKey] = source.Name,
            };
            var trainer = new Trainer(options, log);
            var checkpointPath = OptionValues.Path(parse.GetValue(checkpoint), checkpoint) ?? outPath + ".ckpt";
            var model = trainer.Train(train, test, outPath, checkpointPath, parse.GetValue(resume), meta);
            ModelFile.Save(model, outPath);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {outPath}; test accuracy {model.Metadata.GetValueOrDefault("test.accuracy", "n/a")}"));
            return 0;
        });
        return command;
    }

    private static IWeightPerturbation? Perturbation(string? device, string? wires, int refresh, int seed, int threads)
    {
        if (device is not null && wires is not null)
        {
            throw new BmcnnException("--train-device and --train-wires: choose one (each replaces the weights the network trains with)");
        }
        return device is not null ? new DeviceAwareWeights(DeviceOptions.Base(device), (ulong)seed, threads)
            : wires is not null ? new WiredWeights(DeviceOptions.Base(wires), refresh, threads)
            : null;
    }

    private static IReadOnlyList<int>? ParseWidths(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            return text.Split(',').Select(s => int.Parse(s.Trim(), CultureInfo.InvariantCulture)).ToArray();
        }
        catch (FormatException)
        {
            throw new BmcnnException($"--widths: expected comma-separated integers, got '{text}'");
        }
    }
}
