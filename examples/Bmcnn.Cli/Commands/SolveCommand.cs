using System.CommandLine;
using System.Globalization;
using System.Text;
using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Netlists;

namespace Bmcnn.Cli.Commands;

/// <summary><c>bmcnn solve FILE.cir [--json]</c>: the DC operating point of a SPICE netlist with our engine.</summary>
public static class SolveCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "SPICE netlist (.cir)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object {\"nodes\": {...}, \"currents\": {...}} with full precision" };
        var command = new Command("solve", "Solve the DC operating point of a SPICE netlist with the bmcnn engine") { file, json };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!.ToString();
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var profile = PhaseProfile.StartIfRequested();
            var read = NetlistInput.Read(path, error);
            profile?.Mark("parse");
            // One netlist, one solve: let a large factorization use the second core (the result is bit-identical).
            var analysis = new DcOperatingPoint(read.Netlist, read.Options.Dc with { Threads = Environment.ProcessorCount });
            profile?.Mark("build");
            var op = analysis.Solve();
            profile?.Mark("solve");
            if (parseResult.GetValue(json))
            {
                if (ReferenceEquals(output, Console.Out))
                {
                    // Straight to stdout as UTF-8, in the writer's 64 KiB pieces: no megabyte string to encode back.
                    output.Flush();
                    using var stdout = Console.OpenStandardOutput();
                    OperatingPointJson.WriteTo(op, stdout);
                    stdout.Write(Encoding.UTF8.GetBytes(output.NewLine));
                }
                else
                {
                    output.WriteLine(Json(op));
                }
            }
            else
            {
                WriteTable(output, path, read.Netlist, op);
            }
            if (profile is not null)
            {
                profile.Mark("output");
                profile.Report(error, new Dictionary<string, string> { ["solve"] = Ordering(analysis) });
            }
            return 0;
        });
        return command;
    }

    private static string Ordering(DcOperatingPoint analysis) => analysis.Factorization is { } lu
        ? string.Create(CultureInfo.InvariantCulture,
            $"ordering {lu.OrderingTime.TotalMilliseconds:F0} ms, symbolic {lu.SymbolicTime.TotalMilliseconds:F0} ms, "
            + $"factor {lu.FactorTime.TotalMilliseconds:F0} ms {(lu.IsSymmetricFactorization ? "LDLt" : "LU")}")
        : "no factorization";

    /// <summary>The JSON object: node voltages in netlist order, then source currents in element order.</summary>
    public static string Json(OperatingPoint op) => Encoding.UTF8.GetString(OperatingPointJson.Utf8(op));

    // The solution's own order, which is the netlist's: nodes by first appearance, sources in element order.
    private static List<(string Name, double Value)> OrderedVoltages(OperatingPoint op) => Pairs(op.NodeNames, op.NodeValues);

    private static List<(string Name, double Value)> OrderedCurrents(OperatingPoint op) => Pairs(op.BranchNames, op.BranchValues);

    private static List<(string Name, double Value)> Pairs(ReadOnlySpan<string> names, ReadOnlySpan<double> values)
    {
        var pairs = new List<(string Name, double Value)>(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            pairs.Add((names[i], values[i]));
        }
        return pairs;
    }

    private static void WriteTable(TextWriter output, string path, Netlist netlist, OperatingPoint op)
    {
        var voltages = OrderedVoltages(op);
        var currents = OrderedCurrents(op);
        var width = Math.Max(6, voltages.Concat(currents).Select(p => p.Name.Length).DefaultIfEmpty(0).Max());
        output.WriteLine($"{netlist.Title}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"operating point of {Path.GetFileName(path)}: {voltages.Count} nodes, {currents.Count} source currents, {op.Method}, "
            + $"{op.Iterations} iterations"));
        output.WriteLine();
        output.WriteLine($"{"node".PadRight(width)}  {"voltage (V)",23}");
        foreach (var (name, volts) in voltages)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name.PadRight(width)}  {volts,23:0.000000000000000E+00}"));
        }
        output.WriteLine();
        output.WriteLine($"{"source".PadRight(width)}  {"current (A)",23}");
        foreach (var (name, amps) in currents)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name.PadRight(width)}  {amps,23:0.000000000000000E+00}"));
        }
    }
}
