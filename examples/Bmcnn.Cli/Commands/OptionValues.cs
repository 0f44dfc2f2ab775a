using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Bmcnn.Circuit;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// Checks of option values the parser lets through but the file system or our libraries would reject with an
/// <see cref="ArgumentException"/> (a bug's exit code): each mistake becomes a one-line <see cref="BmcnnException"/>
/// naming the option.
/// </summary>
internal static class OptionValues
{
    /// <summary>A file or folder name given to <paramref name="symbol"/>: null stays null; empty or blank is a mistake.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Path(string? value, Symbol symbol) =>
        value is null || (!string.IsNullOrWhiteSpace(value) && !value.Contains('\0')) ? value
            : throw new BmcnnException($"{symbol.Name}: '{value}' is not a file name");

    /// <summary>The value of a required path option, or one with a default (<see cref="Path(string?, Symbol)"/>).</summary>
    public static string Path(ParseResult parse, Option<string> option) => Path(parse.GetValue(option)!, option);

    /// <summary>An enum option's value, which the parser also accepts as any number: it must name a member.</summary>
    public static T Named<T>(ParseResult parse, Option<T> option) where T : struct, Enum
    {
        var value = parse.GetValue(option);
        return Enum.IsDefined(value) ? value
            : throw new BmcnnException(
                $"{option.Name}: '{value}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
    }
}
