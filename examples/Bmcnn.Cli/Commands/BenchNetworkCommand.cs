using System.CommandLine;
using Bmcnn.Bench;
using Bmcnn.Circuit;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn bench network</c> and <c>bmcnn bench import</c>: inference rates and import time of the synthetic
/// VGG-style network (<see cref="NetworkBench"/>, <see cref="ImportBench"/>).
/// </summary>
public static class BenchNetworkCommand
{
    /// <summary>Creates the <c>network</c> command.</summary>
    public static Command CreateNetwork()
    {
        var modes = new Option<string>("--modes")
        {
            Description = "comma-separated modes: reference (straightforward software kernels), software, behavioral, circuit",
            DefaultValueFactory = _ => string.Join(',', NetworkBench.AllModes),
        };
        var images = new Option<int>("--images") { Description = "random images per mode", DefaultValueFactory = _ => 200 };
        var circuitImages = new Option<int>("--circuit-images") { Description = "random images in circuit mode", DefaultValueFactory = _ => 40 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the network, images and devices", DefaultValueFactory = _ => 1 };
        var threads = CommonOptions.Threads("worker threads (0 = one per core)");
        var command = new Command("network", "Inference rates of a synthetic VGG-style network (5.1 M binary weights) in each mode")
        {
            modes, images, circuitImages, seed, threads,
        };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(images), nc = parse.GetValue(circuitImages);
            if (n < 1 || nc < 1)
            {
                throw new BmcnnException("--images and --circuit-images must be at least 1");
            }
            NetworkBench.Run(parse.InvocationConfiguration.Output, NetworkBench.ParseModes(parse.GetValue(modes)!), n, nc,
                parse.GetValue(seed), parse.GetValue(threads));
            return 0;
        });
        return command;
    }

    /// <summary>Creates the <c>import</c> command.</summary>
    public static Command CreateImport()
    {
        var repeat = new Option<int>("--repeat") { Description = "imports timed (the median is reported)", DefaultValueFactory = _ => 3 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the network's weights", DefaultValueFactory = _ => 1 };
        var bmcnn = BmcnnProgramOption.Create(repeatable: false);
        var command = new Command("import", "Time importing an ONNX model of a synthetic VGG-style network (5.1 M binary weights)")
        {
            repeat, seed, bmcnn,
        };
        command.SetAction(parse =>
        {
            var program = BmcnnProgramOption.Programs(parse, bmcnn)[0];
            ImportBench.Run(parse.InvocationConfiguration.Output, BenchPrograms.Repeat(parse.GetValue(repeat)), parse.GetValue(seed), program);
            return 0;
        });
        return command;
    }
}
