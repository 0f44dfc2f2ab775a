using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bmcnn.Circuit.Analysis;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// The <c>solve --json</c> object, <c>{"nodes": {...}, "currents": {...}}</c>, as the UTF-8 that
/// <see cref="Utf8JsonWriter"/> (indented, default encoder) writes, byte for byte. A large circuit's entries are formatted
/// by hand in two halves on two threads: a 128×128 crossbar has 33,000 of them, and one writer took a tenth of a
/// cold process's solve time.
/// </summary>
public static class OperatingPointJson
{
    /// <summary>Below this many node entries one thread formats them all.</summary>
    private const int ParallelEntries = 4096;

    private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);

    /// <summary>The JSON object: node voltages in netlist order, then source currents in element order.</summary>
    public static byte[] Utf8(OperatingPoint op)
    {
        var bytes = new MemoryStream();
        WriteTo(op, bytes);
        return bytes.ToArray();
    }

    /// <summary>Writes <see cref="Utf8"/>'s bytes to <paramref name="stream"/> piece by piece (no assembled copy).</summary>
    public static void WriteTo(OperatingPoint op, Stream stream)
    {
        var nodeValues = op.NodeValues;
        var branchValues = op.BranchValues;
        if (!AllFinite(nodeValues) || !AllFinite(branchValues))
        {
            stream.Write(WithWriter(op)); // its error for a non-finite number, exactly as before
            return;
        }
        var nodes = op.NodeNames.ToArray();
        var volts = nodeValues.ToArray();
        byte[] first = [], second = [];
        int firstLength = 0, secondLength = 0;
        var half = nodes.Length / 2;
        if (nodes.Length >= ParallelEntries && Environment.ProcessorCount > 1)
        {
            var other = Task.Run(() => firstLength = Entries(nodes.AsSpan(0, half), volts.AsSpan(0, half), out first));
            secondLength = Entries(nodes.AsSpan(half), volts.AsSpan(half), out second);
            other.Wait();
        }
        else
        {
            secondLength = Entries(nodes, volts, out second);
        }
        var currentsLength = Entries(op.BranchNames, branchValues, out var currents);

        stream.Write("{"u8);
        Object(stream, "nodes", first.AsSpan(0, firstLength), second.AsSpan(0, secondLength));
        stream.Write(","u8);
        Object(stream, "currents", default, currents.AsSpan(0, currentsLength));
        stream.Write(NewLine);
        stream.Write("}"u8);
    }

    /// <summary>The same object through <see cref="Utf8JsonWriter"/>: the reference the hand-formatted bytes must equal.</summary>
    public static byte[] WithWriter(OperatingPoint op)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + 48 * (op.NodeNames.Length + op.BranchNames.Length));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("nodes");
            for (var i = 0; i < op.NodeNames.Length; i++)
            {
                writer.WriteNumber(op.NodeNames[i], op.NodeValues[i]);
            }
            writer.WriteEndObject();
            writer.WriteStartObject("currents");
            for (var i = 0; i < op.BranchNames.Length; i++)
            {
                writer.WriteNumber(op.BranchNames[i], op.BranchValues[i]);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    // "name": { entries } at depth 1; an empty object stays "{}" as the writer prints it.
    private static void Object(Stream output, string name, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        output.Write(NewLine);
        output.Write(Encoding.ASCII.GetBytes("  \"" + name + "\": {"));
        if (first.IsEmpty && second.IsEmpty)
        {
            output.Write("}"u8);
            return;
        }
        output.Write(first);
        if (!first.IsEmpty && !second.IsEmpty)
        {
            output.Write(","u8);
        }
        output.Write(second);
        output.Write(NewLine);
        output.Write("  }"u8);
    }

    // Each entry as newline, 4 spaces, "name": value; entries separated by commas. Returns the bytes written.
    private static int Entries(ReadOnlySpan<string> names, ReadOnlySpan<double> values, out byte[] buffer)
    {
        buffer = GC.AllocateUninitializedArray<byte>(Math.Max(64, 40 * names.Length));
        var at = 0;
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            // Worst case: separator and newline, indent, a name of 6-byte escapes, quotes, colon, a 24-byte number.
            var need = at + 8 + 6 * name.Length + 40;
            if (need > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(need, 2 * buffer.Length));
            }
            if (i > 0)
            {
                buffer[at++] = (byte)',';
            }
            NewLine.CopyTo(buffer, at);
            at += NewLine.Length;
            "    \""u8.CopyTo(buffer.AsSpan(at));
            at += 5;
            at += Name(name, buffer.AsSpan(at));
            "\": "u8.CopyTo(buffer.AsSpan(at));
            at += 3;
            if (!values[i].TryFormat(buffer.AsSpan(at), out var written, default, CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("number buffer too small");
            }
            at += written;
        }
        return at;
    }

    // Names of plain characters are copied; anything the default JavaScript encoder might escape goes through it.
    private static int Name(string name, Span<byte> destination)
    {
        foreach (var c in name)
        {
            if (!IsPlain(c))
            {
                var encoded = JsonEncodedText.Encode(name).EncodedUtf8Bytes;
                encoded.CopyTo(destination);
                return encoded.Length;
            }
        }
        for (var k = 0; k < name.Length; k++)
        {
            destination[k] = (byte)name[k];
        }
        return name.Length;
    }

    private static bool IsPlain(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '-' or '#' or ':' or '$';

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }
        return true;
    }
}
