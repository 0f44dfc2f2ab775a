using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Bmcnn.Netlists;

/// <summary>
/// Reads SPICE netlists: the subset <see cref="SpiceWriter"/> writes plus what people write by hand (comments,
/// continuations, any case, SI suffixes, R C L D V I E G B X elements, <c>.subckt</c>, <c>.param</c>, <c>.global</c>,
/// <c>.include</c> files, <c>.options</c>).
/// Subcircuits are flattened with ngspice's names. Commands that do not change a DC operating point are skipped
/// with a warning; every mistake is a one-line <see cref="Bmcnn.Circuit.BmcnnException"/>
/// <c>FILE:LINE: message: 'offending text'</c>.
/// </summary>
public static class SpiceReader
{
    /// <summary>Reads a netlist file.</summary>
    public static SpiceReadResult ReadFile(string path)
    {
        var source = new SpiceSource(path);
        return Read(Load(path, source), source, SpiceElaborator.DefaultMaxElements, path);
    }

    /// <summary>The text of a netlist file (top or included), read once.</summary>
    internal static SpiceText Load(string path, SpiceSource source)
    {
        // One open for both paths: a pipe or FIFO (/dev/stdin) cannot be seeked, and opening it twice could lose data.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        return (file.CanSeek ? ReadAscii(file.SafeFileHandle) : null) is { } ascii
            ? new SpiceText(ascii, source)
            : new SpiceText(Decode(ReadToEnd(file)), source);
    }

    /// <summary>Reads netlist text; <paramref name="fileName"/> is the name used in messages.</summary>
    public static SpiceReadResult Read(string text, string fileName = "<netlist>") =>
        Read(text, fileName, SpiceElaborator.DefaultMaxElements);

    /// <summary>Reads netlist text, refusing to flatten beyond <paramref name="maxElements"/> elements.</summary>
    internal static SpiceReadResult Read(string text, string fileName, int maxElements)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = new SpiceSource(fileName);
        return Read(new SpiceText(text, source), source, maxElements, fileName);
    }

    // 'path' places relative .include files: they are read from the including file's folder.
    private static SpiceReadResult Read(SpiceText text, SpiceSource source, int maxElements, string path)
    {
        var (title, cards) = SpiceLexer.Read(text, source, text.LineCount());
        cards = SpiceIncludes.Expand(cards, source, path);
        return new SpiceElaborator(source, title, maxElements).Run(cards);
    }

    // Netlists are nearly always ASCII: then the reader works on the file's bytes, a character each, without a string
    // of twice the size (a cold process pays for every page it touches). Null when the file is not plain ASCII (UTF-8
    // text, a byte-order mark, binary data) or its length is not known up front; the caller decodes it. Reads at
    // explicit offsets, so the handle's position stays at the start.
    private static byte[]? ReadAscii(SafeFileHandle handle)
    {
        var length = RandomAccess.GetLength(handle);
        if (length <= 0 || length > Array.MaxLength)
        {
            return null;
        }
        // Not zeroed first: every byte is read into.
        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        var offset = 0;
        while (offset < bytes.Length)
        {
            var read = RandomAccess.Read(handle, bytes.AsSpan(offset), offset);
            if (read <= 0)
            {
                return null;
            }
            offset += read;
        }
        // A file that grew since its length was taken is read whole by the general path.
        Span<byte> probe = stackalloc byte[1];
        return RandomAccess.Read(handle, probe, offset) == 0 && Ascii.IsValid(bytes) ? bytes : null;
    }

    // The whole file from the start, whatever its kind (a pipe's length is not known before its end).
    private static byte[] ReadToEnd(FileStream file)
    {
        if (file.CanSeek)
        {
            file.Position = 0;
        }
        using var bytes = new MemoryStream();
        file.CopyTo(bytes);
        return bytes.ToArray();
    }

    // Invalid UTF-8 becomes U+FFFD, which the lexer reports as binary data (outside comments).
    private static string Decode(byte[] bytes)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        var text = encoding.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }
}
