using Bmcnn.Netlists;

namespace Bmcnn.Cli.Commands;

/// <summary>Reads a SPICE file for a command and reports the reader's warnings on the error stream.</summary>
internal static class NetlistInput
{
    /// <summary>The parsed deck of <paramref name="path"/>; each warning is one line on <paramref name="error"/>.</summary>
    public static SpiceReadResult Read(string path, TextWriter error)
    {
        var read = SpiceReader.ReadFile(path);
        foreach (var warning in read.Warnings)
        {
            error.WriteLine(warning);
        }
        return read;
    }
}
