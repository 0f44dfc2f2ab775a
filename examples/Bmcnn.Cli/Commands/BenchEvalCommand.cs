using System.CommandLine;
using Bmcnn.Bench;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn bench eval</c>: cold <c>bmcnn eval</c> processes on the test set in each inference mode
/// (<see cref="EvalBench"/>).
/// </summary>
public static class BenchEvalCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var modes = new Option<string>("--modes")
        {
            Description = "comma-separated modes to time: software,behavioral,circuit",
            DefaultValueFactory = _ => EvalBench.AllModes,
        };
        var repeat = new Option<int>("--repeat") { Description = "cold processes per mode (the median is reported)", DefaultValueFactory = _ => 3 };
        var data = CommonOptions.Data("MNIST folder (passed to eval)");
        var limit = CommonOptions.Limit("only the first N test images (default: all 10,000)");
        var bmcnn = BmcnnProgramOption.Create(repeatable: true);
        var command = new Command("eval", "Time whole `bmcnn eval` processes on the test set in each inference mode")
        {
            modes, repeat, data, limit, bmcnn,
        };
        command.SetAction(parseResult =>
        {
            var count = BenchPrograms.Repeat(parseResult.GetValue(repeat));
            var chosen = EvalBench.ParseModes(parseResult.GetValue(modes)!);
            var programs = BmcnnProgramOption.Programs(parseResult, bmcnn);
            EvalBench.Run(parseResult.InvocationConfiguration.Output, chosen, count, programs, parseResult.GetValue(data),
                parseResult.GetValue(limit));
            return 0;
        });
        return command;
    }
}
