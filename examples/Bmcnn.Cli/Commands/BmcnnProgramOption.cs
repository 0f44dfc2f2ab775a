using System.CommandLine;
using Bmcnn.Bench;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// The bench commands' <c>--bmcnn FILE</c> option: which bmcnn build to time instead of this one, e.g. the NativeAOT
/// binary against the JIT apphost. Where the command allows it more than once, the programs' runs are interleaved.
/// </summary>
public static class BmcnnProgramOption
{
    /// <summary>The option; <paramref name="repeatable"/> lets it name several programs.</summary>
    public static Option<string[]> Create(bool repeatable)
    {
        // An array option parses only with a list arity, so "one program" is checked after parsing.
        var option = new Option<string[]>("--bmcnn")
        {
            Description = repeatable
                ? "bmcnn executable (or bmcnn.dll) to time instead of this one; repeat it to compare builds in one interleaved run"
                : "bmcnn executable (or bmcnn.dll) to time instead of this one",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        if (!repeatable)
        {
            option.Validators.Add(result =>
            {
                if (result.Tokens.Count > 1)
                {
                    result.AddError("--bmcnn: this benchmark times one program; give --bmcnn once");
                }
            });
        }
        return option;
    }

    /// <summary>The programs to run (<see cref="BenchPrograms.Resolve"/>): the given files, or one null for this program.</summary>
    public static IReadOnlyList<string?> Programs(ParseResult parseResult, Option<string[]> option) =>
        BenchPrograms.Resolve(parseResult.GetValue(option) ?? []);
}
