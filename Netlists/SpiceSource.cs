using System.Text;
using Bmcnn.Circuit;

namespace Bmcnn.Netlists;

/// <summary>
/// Where SPICE text came from (a file name or a label, and the files it includes), and the one-line errors that point
/// into it. Card line numbers are global: the top file's lines are 1, 2, ...; each included file gets a block of
/// <see cref="LinesPerFile"/> numbers, so a line number alone names file and line.
/// </summary>
internal sealed class SpiceSource
{
    /// <summary>Line numbers per file block (2^24); a file with more lines cannot be included.</summary>
    public const int LinesPerFile = 1 << 24;

    private const int MaxQuoted = 80;
    private readonly List<string> _files = new();

    public SpiceSource(string file)
    {
        File = file;
        _files.Add(file);
    }

    /// <summary>The top file's name shown in messages.</summary>
    public string File { get; }

    /// <summary>
    /// Registers an included file; returns the global number of its line 1. Throws <see cref="BmcnnException"/>
    /// beyond 127 included files.
    /// </summary>
    public int AddFile(string file)
    {
        if (_files.Count >= int.MaxValue / LinesPerFile)
        {
            throw new BmcnnException($"{file}: more than {_files.Count - 1} included files");
        }
        _files.Add(file);
        return (_files.Count - 1) * LinesPerFile + 1;
    }

    /// <summary>True when <paramref name="message"/> already names one of the files at its start.</summary>
    public bool Names(string message) => _files.Any(f => message.StartsWith(f + ":", StringComparison.Ordinal));

    /// <summary>An error <c>FILE:LINE: message: 'offending text'</c>.</summary>
    public BmcnnException Error(int line, string message, string offending) =>
        new($"{Where(line)}: {message}: '{Quote(offending)}'");

    /// <summary>A warning in the same form as an error.</summary>
    public string Warning(int line, string message, string offending) =>
        $"{Where(line)}: warning: {message}: '{Quote(offending)}'";

    // FILE:LINE of a global line number.
    private string Where(int line) =>
        line >= LinesPerFile ? $"{_files[line / LinesPerFile]}:{line % LinesPerFile}" : $"{File}:{line}";

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
