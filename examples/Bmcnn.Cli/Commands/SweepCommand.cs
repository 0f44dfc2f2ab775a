using System.CommandLine;

namespace Bmcnn.Cli.Commands;

/// <summary><c>bmcnn sweep</c>: Monte-Carlo sweeps of one device parameter, and <c>sweep merge</c> for shards.</summary>
public static class SweepCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("sweep", "Monte-Carlo sweeps of device variation and mitigations (see docs/study.md)");
        command.Subcommands.Add(SweepMergeCommand.Create());
        return command;
    }
}
