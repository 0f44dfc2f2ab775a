using System.Text;

namespace Bmcnn.Netlists;

/// <summary>
/// Reads SPICE netlists: the subset <see cref="SpiceWriter"/> writes plus what people write by hand (comments,
/// continuations, any case, SI suffixes, R V I E G B X elements, <c>.subckt</c>, <c>.param</c>, <c>.global</c>).
/// Subcircuits are flattened with ngspice's names. Commands that do not change a DC operating point are skipped
/// with a warning; every mistake is a one-line <see cref="Bmcnn.Circuit.BmcnnException"/>
/// <c>FILE:LINE: message: 'offending text'</c>.
/// </summary>
public static class SpiceReader
{
    /// <summary>Reads a netlist file.</summary>
    public static SpiceReadResult ReadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Read(Decode(bytes), path);
    }

    /// <summary>Reads netlist text; <paramref name="fileName"/> is the name used in messages.</summary>
    public static SpiceReadResult Read(string text, string fileName = "<netlist>") =>
        Read(text, fileName, SpiceElaborator.DefaultMaxElements);

    /// <summary>Reads netlist text, refusing to flatten beyond <paramref name="maxElements"/> elements.</summary>
    internal static SpiceReadResult Read(string text, string fileName, int maxElements)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = new SpiceSource(fileName);
        var (title, cards) = SpiceLexer.Read(text, source);
        return new SpiceElaborator(source, title, maxElements).Run(cards);
    }

    // Invalid UTF-8 becomes U+FFFD, which the lexer reports as binary data (outside comments).
    private static string Decode(byte[] bytes)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        var text = encoding.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }
}
