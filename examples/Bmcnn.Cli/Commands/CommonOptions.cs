using System.CommandLine;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// The options several commands share, declared once: each call returns a fresh option (an option belongs to one
/// command) with the same name, type and default everywhere; a command may say more in its description.
/// </summary>
internal static class CommonOptions
{
    /// <summary><c>--model FILE</c>: the model to run (default: the shipped lenet).</summary>
    public static Option<string?> Model() => new("--model") { Description = "model file (default: the shipped lenet)" };

    /// <summary><c>--data FOLDER</c>: where the MNIST IDX files are.</summary>
    public static Option<string?> Data(string description = "MNIST folder") => new("--data") { Description = description };

    /// <summary><c>--limit N</c>: only the first N images.</summary>
    public static Option<int?> Limit(string description = "only the first N test images") => new("--limit") { Description = description };

    /// <summary><c>--threads N</c>: worker threads, 0 for all cores.</summary>
    public static Option<int> Threads(string description = "worker threads (0 = all cores)") =>
        new("--threads") { Description = description, DefaultValueFactory = _ => 0 };
}
