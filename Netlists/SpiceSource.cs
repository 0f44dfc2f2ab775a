using System.Text;
using Bmcnn.Circuit;

namespace Bmcnn.Netlists;

/// <summary>Where SPICE text came from (a file name or a label), and the one-line errors that point into it.</summary>
internal sealed class SpiceSource
{
    private const int MaxQuoted = 80;

    public SpiceSource(string file) => File = file;

    /// <summary>The file name shown in messages.</summary>
    public string File { get; }

    /// <summary>An error <c>FILE:LINE: message: 'offending text'</c>.</summary>
    public BmcnnException Error(int line, string message, string offending) =>
        new($"{File}:{line}: {message}: '{Quote(offending)}'");

    /// <summary>A warning in the same form as an error.</summary>
    public string Warning(int line, string message, string offending) =>
        $"{File}:{line}: warning: {message}: '{Quote(offending)}'";

    /// <summary>The text made printable on one line: control characters escaped, long text shortened.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Trim())
        {
            if (sb.Length >= MaxQuoted)
            {
                sb.Append("...");
                break;
            }
            if (c == '\uFFFD' || char.IsControl(c))
            {
                sb.Append($"\\x{(int)c:X2}");
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
