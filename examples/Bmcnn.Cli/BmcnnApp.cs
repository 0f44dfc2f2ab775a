using System.CommandLine;
using Bmcnn.Circuit;
using Bmcnn.Cli.Commands;

namespace Bmcnn.Cli;

/// <summary>The <c>bmcnn</c> command line: builds the command tree and turns user mistakes into one-line errors.</summary>
public static class BmcnnApp
{
    /// <summary>Exit code for a user mistake (bad input file, impossible option value).</summary>
    public const int UserError = 2;

    /// <summary>Exit code for a bug: any other exception, reported as an internal error.</summary>
    public const int InternalError = 3;

    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("bmcnn: binarized memristive CNNs on circuit-exact crossbars");
        // Each command lives in its own file under Commands/; register it here.
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    private static IEnumerable<Command> Commands()
    {
        yield return TrainCommand.Create();
        yield return EvalCommand.Create();
        yield return SolveCommand.Create();
        yield return SimulateCommand.Create();
        yield return NetlistCommand.Create();
        yield return CrosscheckCommand.Create();
        yield return SweepCommand.Create();
        yield return ReproduceCommand.Create();
        yield return BenchCommand.Create();
        yield return ImportCommand.Create();
        yield return ExportCommand.Create();
        yield return ProgramCommand.Create();
    }

    /// <summary>Runs the command line with the given writers; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // SIGTERM and Ctrl-C cancel the command's token; a stopped sweep or reproduce gets time to finish its running
        // trials and write its files (reproduce: results.md from the rows that are done) before the process ends.
        var config = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(120),
        };
        try
        {
            return CreateRoot().Parse(args).Invoke(config);
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            error.WriteLine($"error: {OneLine(ex.Message)}");
            return UserError;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("BMCNN_DEBUG") != "1")
        {
            error.WriteLine($"internal error ({ex.GetType().Name}): {OneLine(ex.Message)} (set BMCNN_DEBUG=1 for the stack trace)");
            return InternalError;
        }
    }

    // A user mistake is ours to report (BmcnnException: an option value, a netlist line) or the file system's; an
    // ArgumentException is a bug in our code, so commands check option values themselves and name the option.
    private static bool IsUserError(Exception ex) =>
        ex is BmcnnException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
            or FormatException or UnauthorizedAccessException or IOException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
