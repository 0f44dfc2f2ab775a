using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Netlists;
using Bmcnn.Study.Csv;
using Bmcnn.Study.Plots;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// <c>bmcnn simulate FILE.cir [--csv OUT] [--plot OUT.png] [--probe V(n),I(Vx),...]</c>: runs the analyses the deck asks
/// for (<c>.op</c>, <c>.dc</c>, <c>.tran</c>; an operating point when it asks for none), one CSV per analysis
/// (<c>OUT</c> with the analysis before its extension: <c>out.tran.csv</c>), and PNG plots of the probes (against the
/// axis, or with <c>--xy</c> against the first probe).
/// </summary>
public static partial class SimulateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "SPICE netlist (.cir) with .op, .dc or .tran cards" };
        var csv = new Option<string?>("--csv") { Description = "write one CSV per analysis: OUT.csv becomes OUT.<analysis>.csv" };
        var plot = new Option<string?>("--plot")
        {
            Description = "write one PNG per .dc/.tran analysis of the probes: OUT.png becomes OUT.<analysis>.png",
        };
        var probe = new Option<string?>("--probe") { Description = "signals to write and plot, e.g. V(out),I(V1) (default: all)" };
        var xy = new Option<bool>("--xy") { Description = "plot the other probes against the first (e.g. a hysteresis loop: --probe V(a),I(V1))" };
        var command = new Command("simulate", "Run a netlist's analyses (op, dc, tran) with the bmcnn engine") { file, csv, plot, probe, xy };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!.ToString();
            var output = parseResult.InvocationConfiguration.Output;
            var read = NetlistInput.Read(path, parseResult.InvocationConfiguration.Error);
            var probes = Probes(parseResult.GetValue(probe));
            var analyses = read.Analyses.Count > 0 ? read.Analyses : [new OperatingPointRequest()];
            var suffixes = Suffixes(analyses);
            for (var k = 0; k < analyses.Count; k++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var table = Simulation.Run(read.Netlist, analyses[k], read.Options);
                var seconds = clock.Elapsed.TotalSeconds;
                var signals = probes ?? table.Names;
                foreach (var name in signals)
                {
                    _ = table.Signal(name); // an unknown probe is an error before anything is written
                }
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{suffixes[k]}: {table.Axis.Count} point{(table.Axis.Count == 1 ? "" : "s")}, {table.Names.Count} signals, {seconds:0.###} s"));
                if (analyses[k] is OperatingPointRequest)
                {
                    foreach (var name in signals)
                    {
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-24} {table.Signal(name)[0]:G10}"));
                    }
                }
                if (parseResult.GetValue(csv) is { } csvPath)
                {
                    var target = WithSuffix(csvPath, suffixes[k], ".csv");
                    WaveformCsv.Write(target, table, signals);
                    output.WriteLine($"  wrote {target}");
                }
                if (parseResult.GetValue(plot) is { } plotPath && analyses[k] is not OperatingPointRequest)
                {
                    var target = WithSuffix(plotPath, suffixes[k], ".png");
                    WaveformPlot.Write(target, table, signals, $"{suffixes[k]}: {read.Netlist.Title}", parseResult.GetValue(xy));
                    output.WriteLine($"  wrote {target}");
                }
            }
            return 0;
        });
        return command;
    }

    // "V(out),I(V1)" -> ["v(out)", "i(v1)"]; null when not given.
    private static List<string>? Probes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var probes = new List<string>();
        var rest = Probe().Replace(text, m =>
        {
            probes.Add($"{char.ToLowerInvariant(m.Groups[1].Value[0])}({m.Groups[2].Value.Trim().ToLowerInvariant()})");
            return "";
        });
        if (rest.Replace(",", "").Trim().Length > 0 || probes.Count == 0)
        {
            throw new BmcnnException($"--probe: expected V(node) or I(source) separated by commas, got '{text}'");
        }
        return probes;
    }

    // op, dc, tran; a second analysis of the same kind is tran2, ...
    private static List<string> Suffixes(IReadOnlyList<AnalysisRequest> analyses)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return analyses.Select(a =>
        {
            var count = seen[a.Kind] = seen.GetValueOrDefault(a.Kind) + 1;
            return count == 1 ? a.Kind : $"{a.Kind}{count}";
        }).ToList();
    }

    private static string WithSuffix(string path, string suffix, string extension)
    {
        var ext = Path.GetExtension(path);
        var stem = ext.Length > 0 ? path[..^ext.Length] : path;
        return $"{stem}.{suffix}{(ext.Length > 0 ? ext : extension)}";
    }

    [GeneratedRegex(@"([vViI])\s*\(([^()]+)\)")]
    private static partial Regex Probe();
}
