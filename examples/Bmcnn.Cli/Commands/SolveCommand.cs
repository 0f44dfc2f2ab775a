using System.CommandLine;
using System.Globalization;
using System.Text.Json;
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
            var read = SpiceReader.ReadFile(path);
            foreach (var warning in read.Warnings)
            {
                error.WriteLine(warning);
            }
            var op = new DcOperatingPoint(read.Netlist).Solve();
            if (parseResult.GetValue(json))
            {
                output.WriteLine(Json(read.Netlist, op));
            }
            else
            {
                WriteTable(output, path, read.Netlist, op);
            }
            return 0;
        });
        return command;
    }

    /// <summary>The JSON object: node voltages in netlist order, then source currents in element order.</summary>
    public static string Json(Netlist netlist, OperatingPoint op)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("nodes");
            foreach (var (name, volts) in OrderedVoltages(netlist, op))
            {
                writer.WriteNumber(name, volts);
            }
            writer.WriteEndObject();
            writer.WriteStartObject("currents");
            foreach (var (name, amps) in OrderedCurrents(netlist, op))
            {
                writer.WriteNumber(name, amps);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static IEnumerable<(string Name, double Value)> OrderedVoltages(Netlist netlist, OperatingPoint op)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in netlist.Nodes)
        {
            if (op.NodeVoltages.TryGetValue(node, out var v) && listed.Add(node))
            {
                yield return (node, v);
            }
        }
        foreach (var (node, v) in op.NodeVoltages.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (listed.Add(node))
            {
                yield return (node, v);
            }
        }
    }

    private static IEnumerable<(string Name, double Value)> OrderedCurrents(Netlist netlist, OperatingPoint op)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in netlist.Elements)
        {
            if (op.BranchCurrents.TryGetValue(element.Name, out var i) && listed.Add(element.Name))
            {
                yield return (element.Name, i);
            }
        }
        foreach (var (name, i) in op.BranchCurrents.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (listed.Add(name))
            {
                yield return (name, i);
            }
        }
    }

    private static void WriteTable(TextWriter output, string path, Netlist netlist, OperatingPoint op)
    {
        var voltages = OrderedVoltages(netlist, op).ToList();
        var currents = OrderedCurrents(netlist, op).ToList();
        var width = Math.Max(6, voltages.Concat(currents).Select(p => p.Name.Length).DefaultIfEmpty(0).Max());
        output.WriteLine($"{netlist.Title}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"operating point of {Path.GetFileName(path)}: {voltages.Count} nodes, {currents.Count} source currents, {op.Method}, {op.Iterations} iterations"));
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
