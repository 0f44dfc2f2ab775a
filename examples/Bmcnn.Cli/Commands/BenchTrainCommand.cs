using System.CommandLine;
using Bmcnn.Bench;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn bench train</c>: one training epoch of the default lenet in a fresh <c>bmcnn train</c> process
/// (<see cref="TrainBench"/>).
/// </summary>
public static class BenchTrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var data = CommonOptions.Data("MNIST folder (passed to train)");
        var limit = CommonOptions.Limit("train on the first N images only (the epoch time is scaled to 60k)");
        var seed = new Option<int>("--seed") { Description = "training seed", DefaultValueFactory = _ => 1 };
        var bmcnn = BmcnnProgramOption.Create(repeatable: false);
        var command = new Command("train", "Time one training epoch of the default lenet in a fresh `bmcnn train` process")
        {
            data, limit, seed, bmcnn,
        };
        command.SetAction(parseResult =>
        {
            var program = BmcnnProgramOption.Programs(parseResult, bmcnn)[0];
            TrainBench.Run(parseResult.InvocationConfiguration.Output, program, parseResult.GetValue(seed), parseResult.GetValue(data),
                parseResult.GetValue(limit));
            return 0;
        });
        return command;
    }
}
