using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bmcnn.Circuit;

namespace Bmcnn.Netlists;

/// <summary>
/// Runs ngspice in batch mode (<c>ngspice -b</c>) in a temporary folder and reads the operating point it prints
/// (<c>print all</c> with 15 significant digits): node voltages and <c>name#branch</c> currents.
/// </summary>
public static class NgspiceRunner
{
    private const string Executable = "ngspice";
    private static readonly Lazy<string?> Location = new(FindOnPath);

    /// <summary>The default time limit for one run.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>True when an <c>ngspice</c> executable is on the PATH.</summary>
    public static bool IsAvailable => Location.Value is not null;

    /// <summary>Writes the netlist (ngspice dialect), runs it, and reports currents under our element names.</summary>
    public static NgspiceResult Run(Netlist netlist, TimeSpan? timeout = null)
    {
        var deck = SpiceWriter.Write(netlist, SpiceDialect.Ngspice);
        var raw = RunDeck(deck.Text, timeout);
        var currents = raw.BranchCurrents.ToDictionary(p => deck.ElementName(p.Key), p => p.Value, StringComparer.Ordinal);
        return new NgspiceResult(raw.NodeVoltages, currents, raw.Output);
    }

    /// <summary>
    /// Runs a netlist file as written by hand: its own <c>.control</c> blocks and everything from <c>.end</c> on are
    /// replaced by our control block, so ngspice computes and prints the operating point of exactly that circuit.
    /// </summary>
    public static NgspiceResult RunFile(string path, TimeSpan? timeout = null) =>
        RunDeck(Body(path) + SpiceWriter.Footer(SpiceDialect.Ngspice), timeout);

    /// <summary>
    /// Runs a netlist file's circuit (its own control blocks and everything from <c>.end</c> on replaced) under the given
    /// analyses, one result table per analysis with ngspice's vector names (<c>v(a)</c>, <c>i(v1)</c>) and its points.
    /// </summary>
    public static IReadOnlyList<Bmcnn.Circuit.Analysis.SignalTable> RunFileAnalyses(
        string path, IReadOnlyList<Bmcnn.Circuit.Analysis.AnalysisRequest> analyses, TimeSpan? timeout = null)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        return RunAnalysisDeck(Body(path) + SpiceTimeDomain.Analyses(analyses, names, SpiceDialect.Ngspice), analyses, timeout);
    }

    /// <summary>Writes the netlist with its analyses (ngspice dialect), runs it, and returns one table per analysis.</summary>
    public static IReadOnlyList<Bmcnn.Circuit.Analysis.SignalTable> RunAnalyses(
        Netlist netlist, IReadOnlyList<Bmcnn.Circuit.Analysis.AnalysisRequest> analyses, TimeSpan? timeout = null)
    {
        var deck = SpiceWriter.Write(netlist, analyses, SpiceDialect.Ngspice);
        return RunAnalysisDeck(deck.Text, analyses, timeout)
            .Select(t => NgspiceRawFile.Rename(t, deck.ElementName))
            .ToList();
    }

    private static List<Bmcnn.Circuit.Analysis.SignalTable> RunAnalysisDeck(
        string text, IReadOnlyList<Bmcnn.Circuit.Analysis.AnalysisRequest> analyses, TimeSpan? timeout)
    {
        var executable = Location.Value
            ?? throw new BmcnnException("ngspice is not installed (not found on PATH); install it with 'apt-get install -y ngspice'");
        var folder = Directory.CreateTempSubdirectory("bmcnn-ngspice-");
        try
        {
            var file = Path.Combine(folder.FullName, "circuit.cir");
            File.WriteAllText(file, text, new UTF8Encoding(false));
            var (exitCode, output, error) = Execute(executable, folder.FullName, file, timeout ?? DefaultTimeout);
            var tables = new List<Bmcnn.Circuit.Analysis.SignalTable>();
            for (var k = 0; k < analyses.Count; k++)
            {
                var raw = Path.Combine(folder.FullName, SpiceTimeDomain.RawFile(k));
                if (exitCode != 0 || !File.Exists(raw))
                {
                    var detail = FirstLines(error.Length > 0 ? error : output);
                    throw new BmcnnException($"ngspice failed on the {analyses[k].Kind} analysis (exit code {exitCode}): {detail}");
                }
                tables.Add(NgspiceRawFile.Read(File.ReadAllText(raw), analyses[k].Kind));
            }
            return tables;
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    // The file's text up to its .end, without its control blocks.
    private static string Body(string path)
    {
        var lines = File.ReadAllText(path).Split('\n');
        var sb = new StringBuilder();
        var inControl = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var word = FirstWord(line);
            if (i > 0 && inControl)
            {
                inControl = word != ".endc";
                continue;
            }
            if (i > 0 && word == ".control")
            {
                inControl = true;
                continue;
            }
            if (i > 0 && word == ".end")
            {
                break;
            }
            sb.Append(line).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Runs SPICE text that already prints its results (as <see cref="SpiceWriter"/> writes it).</summary>
    public static NgspiceResult RunDeck(string text, TimeSpan? timeout = null) =>
        RunDeck(text, timeout, Location.Value
            ?? throw new BmcnnException("ngspice is not installed (not found on PATH); install it with 'apt-get install -y ngspice'"));

    /// <summary>Runs the text with a given simulator executable (tests use stand-ins that fail or hang).</summary>
    internal static NgspiceResult RunDeck(string text, TimeSpan? timeout, string executable)
    {
        var folder = Directory.CreateTempSubdirectory("bmcnn-ngspice-");
        try
        {
            var file = Path.Combine(folder.FullName, "circuit.cir");
            File.WriteAllText(file, text, new UTF8Encoding(false));
            var (exitCode, output, error) = Execute(executable, folder.FullName, file, timeout ?? DefaultTimeout);
            var (nodes, currents) = Parse(output);
            if (exitCode != 0 || nodes.Count + currents.Count == 0)
            {
                var detail = FirstLines(error.Length > 0 ? error : output);
                throw new BmcnnException($"ngspice failed (exit code {exitCode}, {nodes.Count + currents.Count} values printed): {detail}");
            }
            return new NgspiceResult(nodes, currents, output);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    /// <summary>Reads <c>name = value</c> lines: <c>x#branch</c> are currents of source x, the rest node voltages.</summary>
    public static (Dictionary<string, double> Nodes, Dictionary<string, double> Currents) Parse(string output)
    {
        var nodes = new Dictionary<string, double>(StringComparer.Ordinal);
        var currents = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.Trim();
            var eq = line.IndexOf(" = ", StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }
            var name = line[..eq].Trim().ToLowerInvariant();
            var valueText = line[(eq + 3)..].Trim();
            if (name.Contains(' ') || !double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            if (name.EndsWith("#branch", StringComparison.Ordinal))
            {
                currents[name[..^"#branch".Length]] = value;
            }
            else
            {
                nodes[name] = value;
            }
        }
        return (nodes, currents);
    }

    private static (int ExitCode, string Output, string Error) Execute(string executable, string folder, string file, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-b");
        info.ArgumentList.Add(file);
        Process? started;
        try
        {
            started = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new BmcnnException($"could not start ngspice ({executable}): {ex.Message}", ex);
        }
        using var process = started ?? throw new BmcnnException($"could not start ngspice ({executable})");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new BmcnnException($"ngspice did not finish within {timeout.TotalSeconds:0} s");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    private static string FirstLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        // ngspice prints pages of gmin-stepping notes before the line that says what failed: lead with the errors.
        var errors = lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(3).ToList();
        var joined = string.Join(" | ", errors.Concat(lines.Where(l => !errors.Contains(l))).Take(4));
        return joined.Length > 0 ? joined : "no output";
    }

    private static string FirstWord(string line)
    {
        var trimmed = line.TrimStart();
        var end = 0;
        while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end]))
        {
            end++;
        }
        return trimmed[..end].ToLowerInvariant();
    }

    private static string? FindOnPath()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, Executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
