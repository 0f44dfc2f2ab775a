using System.Globalization;
using System.Text.RegularExpressions;
using Bmcnn.Circuit;
using Bmcnn.Netlists.Crossbars;

namespace Bmcnn.Bench;

/// <summary>
/// <c>bmcnn bench tran</c>: one transient deck (a crossbar of memristor subcircuits with wire resistance and
/// capacitance, driven by a V/2 pulse train) run by ngspice (<c>ngspice -b</c>, a control block that runs the
/// analysis and prints the number of time points) and by a fresh <c>bmcnn simulate</c> process, interleaved so that
/// load changes hit both alike (the order alternates between repeats). Both keep every signal of every time point in
/// memory and write no waveform file.
/// </summary>
public static partial class TranBench
{
    /// <summary>Runs the bench and prints a table; returns the median ngspice/bmcnn wall-time ratio.</summary>
    public static double Run(TextWriter output, string? program, MemristorCrossbarSpec spec, string ngspice, int repeat)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(spec);
        var folder = Directory.CreateTempSubdirectory("bmcnn-bench-tran-");
        try
        {
            var deck = MemristorCrossbarWriter.Write(spec);
            var ours = Path.Combine(folder.FullName, "tran.cir");
            var theirs = Path.Combine(folder.FullName, "tran-ngspice.cir");
            File.WriteAllText(ours, deck);
            var end = deck.LastIndexOf(".end", StringComparison.Ordinal);
            File.WriteAllText(theirs, deck[..end] + ".control\nrun\nlet points = length(time)\nprint points\nquit\n.endc\n.end\n");
            output.WriteLine($"machine: {MachineInfo.Describe()}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"deck: {spec.Rows}x{spec.Columns} {spec.Model} crossbar, wires {spec.WireOhms} Ohm / {spec.WireFarads} F, "
                + $"{spec.Pulses.Count} V/2 pulses, {deck.Count(c => c == '\n')} lines"));
            output.WriteLine("run  first    ngspice wall  cpu     points   bmcnn wall  cpu     analysis  points   wall ratio  load");
            var ratios = new List<double>();
            var (ngWalls, ourWalls, ngCpus, ourCpus) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            for (var r = 0; r < repeat; r++)
            {
                var ngspiceFirst = r % 2 == 0;
                ChildProcess.Run ng = default, us = default;
                for (var k = 0; k < 2; k++)
                {
                    if ((k == 0) == ngspiceFirst)
                    {
                        ng = ChildProcess.Other(ngspice, ["-b", theirs]);
                        if (ng.ExitCode != 0)
                        {
                            throw new BmcnnException($"ngspice -b {theirs} exited with {ng.ExitCode}: {ng.Error.ReplaceLineEndings(" ").Trim()}");
                        }
                    }
                    else
                    {
                        string[] args = ["simulate", ours, "--probe", "V(r0_0)"];
                        us = ChildProcess.Bmcnn(args, keepOutput: true, program).EnsureSuccess(args);
                    }
                }
                var ngPoints = NgspicePoints().Match(ng.Output) is { Success: true } m
                    ? (int)double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
                var ourMatch = OurPoints().Match(us.Output);
                var ourPoints = ourMatch.Success ? int.Parse(ourMatch.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
                var analysis = ourMatch.Success ? double.Parse(ourMatch.Groups[2].Value, CultureInfo.InvariantCulture) : double.NaN;
                var ratio = ng.Wall.TotalSeconds / us.Wall.TotalSeconds;
                ratios.Add(ratio);
                ngWalls.Add(ng.Wall.TotalSeconds);
                ourWalls.Add(us.Wall.TotalSeconds);
                ngCpus.Add(ng.Cpu.TotalSeconds);
                ourCpus.Add(us.Cpu.TotalSeconds);
                var first = ngspiceFirst ? "ngspice" : "bmcnn";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r + 1,3}  {first,-7}  {ng.Wall.TotalSeconds,10:F2} s {ng.Cpu.TotalSeconds,7:F2} {ngPoints,7}"
                    + $"   {us.Wall.TotalSeconds,8:F2} s {us.Cpu.TotalSeconds,7:F2} {analysis,8:F2} s {ourPoints,7}"
                    + $"   {ratio,9:F1}x  {MachineInfo.LoadAverage()}"));
                output.Flush();
            }
            var perRun = string.Join(", ", ratios.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median: ngspice {Statistics.Median(ngWalls):F2} s wall / {Statistics.Median(ngCpus):F2} s cpu, "
                + $"bmcnn {Statistics.Median(ourWalls):F2} s wall / {Statistics.Median(ourCpus):F2} s cpu; "
                + $"wall ratio {Statistics.Median(ratios):F1}x (per-run ratios {perRun}), "
                + $"cpu ratio {Statistics.Median(ngCpus) / Statistics.Median(ourCpus):F1}x"));
            return Statistics.Median(ratios);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"points\s*=\s*([0-9.eE+-]+)")]
    private static partial Regex NgspicePoints();

    [GeneratedRegex(@"tran: (\d+) points, \d+ signals, ([0-9.]+) s")]
    private static partial Regex OurPoints();
}
