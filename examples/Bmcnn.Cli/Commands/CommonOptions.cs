using System.CommandLine;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// The options several commands share, declared once: each call returns a fresh option (an option belongs to one
/// command) with the same name, type and default everywhere; a command may say more in its description.
/// </summary>
internal static class CommonOptions
{
    /// <summary><c>--model FILE</c>: the model to run (default: the shipped lenet).</summary>
    public static Option<string?> Model()
    {
        var option = new Option<string?>("--model") { Description = "model file (default: the shipped lenet)" };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value))
            {
                result.AddError("--model: empty file name (leave --model out for the shipped lenet)");
            }
        });
        return option;
    }

    /// <summary><c>--data FOLDER</c>: where the MNIST IDX files are.</summary>
    public static Option<string?> Data(string description = "MNIST folder") => new("--data") { Description = description };

    /// <summary><c>--limit N</c>: only the first N images.</summary>
    public static Option<int?> Limit(string description = "only the first N test images") => new("--limit") { Description = description };

    /// <summary><c>--threads N</c>: worker threads, 0 for all cores.</summary>
    public static Option<int> Threads(string description = "worker threads (0 = all cores)") =>
        NotNegative(new Option<int>("--threads") { Description = description, DefaultValueFactory = _ => 0 }, "all cores");

    /// <summary><c>--jobs N</c>: trials run at once, 0 for one per core.</summary>
    public static Option<int> Jobs() => NotNegative(
        new Option<int>("--jobs") { Description = "trials run at once (0 = one per core)", DefaultValueFactory = _ => 0 }, "one per core");

    /// <summary>
    /// Refuses a negative count (threads, jobs) with one line naming the option, instead of quietly taking the default;
    /// <paramref name="zero"/> says what 0 means.
    /// </summary>
    public static Option<int> NotNegative(Option<int> option, string zero)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.GetValueOrDefault<int>() < 0)
            {
                result.AddError($"{option.Name} must be 0 ({zero}) or more, got {result.GetValueOrDefault<int>()}");
            }
        });
        return option;
    }
}
