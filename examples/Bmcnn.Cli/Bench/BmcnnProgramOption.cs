using System.CommandLine;
using Bmcnn.Circuit;

namespace Bmcnn.Cli.Bench;

/// <summary>
/// The bench commands' <c>--bmcnn FILE</c> option: which bmcnn build to time instead of this one, e.g. the NativeAOT
/// binary against the JIT apphost. Where the command allows it more than once, the programs' runs are interleaved so
/// that a change in machine load hits all of them alike.
/// </summary>
public static class BmcnnProgramOption
{
    /// <summary>The option; <paramref name="repeatable"/> lets it name several programs.</summary>
    public static Option<string[]> Create(bool repeatable) => new("--bmcnn")
    {
        Description = repeatable
            ? "bmcnn executable (or bmcnn.dll) to time instead of this one; repeat it to compare builds in one interleaved run"
            : "bmcnn executable (or bmcnn.dll) to time instead of this one",
        Arity = repeatable ? ArgumentArity.OneOrMore : ArgumentArity.ExactlyOne,
    };

    /// <summary>
    /// The programs to run: the given files (checked to exist, as full paths so none is looked up on PATH) or, without the option, one null entry
    /// meaning this same program (<see cref="ChildProcess.Bmcnn"/>).
    /// </summary>
    public static IReadOnlyList<string?> Programs(ParseResult parseResult, Option<string[]> option)
    {
        var files = parseResult.GetValue(option) ?? [];
        if (files.Length == 0)
        {
            return [null];
        }
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw new BmcnnException($"--bmcnn: '{file}' not found");
            }
        }
        return files.Select(Path.GetFullPath).ToArray();
    }
}
