using System.CommandLine;
using Bmcnn.Bench;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn bench energy</c>: circuit-mode <c>bmcnn eval</c> with and without <c>--energy</c>, interleaved, against the
/// target ratio 1.5 (<see cref="EnergyBench"/>).
/// </summary>
public static class BenchEnergyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var repeat = new Option<int>("--repeat")
        {
            Description = "pairs of cold processes (the median ratio is reported)",
            DefaultValueFactory = _ => 3,
        };
        var data = CommonOptions.Data("MNIST folder (passed to eval)");
        var limit = CommonOptions.Limit("only the first N test images (default: all 10,000)");
        var model = CommonOptions.Model();
        var bmcnn = BmcnnProgramOption.Create(repeatable: false);
        var command = new Command("energy", "Time circuit-mode `bmcnn eval` with and without --energy on the test set (target: at most 1.5x)")
        {
            repeat, data, limit, model, bmcnn,
        };
        command.SetAction(parseResult =>
        {
            var count = BenchPrograms.Repeat(parseResult.GetValue(repeat));
            var program = BmcnnProgramOption.Programs(parseResult, bmcnn)[0];
            EnergyBench.Run(parseResult.InvocationConfiguration.Output, count, program, parseResult.GetValue(data), parseResult.GetValue(limit),
                parseResult.GetValue(model));
            return 0;
        });
        return command;
    }
}
