using System.Text.Json;
using Bmcnn.Circuit.Analysis;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// The <c>solve --json</c> object, <c>{"nodes": {...}, "currents": {...}}</c>: node voltages in netlist order, then
/// source currents in element order, written by <see cref="Utf8JsonWriter"/> (indented, default encoder, shortest
/// round-trip numbers).
/// </summary>
public static class OperatingPointJson
{
    // The writer keeps its output in memory until flushed: hand it to the stream in pieces of about this size.
    private const int FlushBytes = 1 << 16;

    /// <summary>The JSON object as UTF-8 bytes (no trailing newline).</summary>
    public static byte[] Utf8(OperatingPoint op)
    {
        using var bytes = new MemoryStream();
        WriteTo(op, bytes);
        return bytes.ToArray();
    }

    /// <summary>Writes <see cref="Utf8"/>'s bytes to <paramref name="stream"/>, flushing every 64 KiB or so.</summary>
    public static void WriteTo(OperatingPoint op, Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        Entries(writer, "nodes", op.NodeNames, op.NodeValues);
        Entries(writer, "currents", op.BranchNames, op.BranchValues);
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void Entries(Utf8JsonWriter writer, string name, ReadOnlySpan<string> names, ReadOnlySpan<double> values)
    {
        writer.WriteStartObject(name);
        for (var i = 0; i < names.Length; i++)
        {
            writer.WriteNumber(names[i], values[i]);
            if (writer.BytesPending >= FlushBytes)
            {
                writer.Flush();
            }
        }
        writer.WriteEndObject();
    }
}
