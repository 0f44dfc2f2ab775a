using System.Runtime.InteropServices;
using System.Text;
using Bmcnn.Netlists;

namespace Bmcnn.Tests.Netlists;

/// <summary>Reading from files of every kind gives what reading the same text gives (ASCII files take a faster path).</summary>
public partial class SpiceReaderFileTests
{
    private const string Text = "divider\nV1 in 0 DC 2\nR1 in out 1k\nR2 out 0 3k\n.op\n.end\n";

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);

    private static string Dump(SpiceReadResult result) =>
        string.Join("\n", result.Netlist.Elements.Select(e => $"{e.Name} {string.Join(",", e.Nodes)}")) + "\n" + string.Join("\n", result.Warnings);

    [SkippableFact]
    public void When_the_netlist_comes_through_a_fifo_Expect_the_same_circuit_as_from_text()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "named pipes (mkfifo) are tested on Linux only");
        var directory = Directory.CreateTempSubdirectory("bmcnn-fifo-");
        try
        {
            var fifo = Path.Combine(directory.FullName, "deck.cir");
            Assert.Equal(0, MakeFifo(fifo, 0x180));
            // The writer blocks until the reader opens the FIFO; a FIFO cannot be seeked or opened twice.
            var writer = Task.Run(() => File.WriteAllText(fifo, Text));
            var read = SpiceReader.ReadFile(fifo);
            writer.Wait(TimeSpan.FromSeconds(10));
            Assert.Equal(Dump(SpiceReader.Read(Text, fifo)), Dump(read));
            Assert.Equal(3, read.Netlist.Elements.Count);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("ascii")]
    [InlineData("utf8-bom")]
    [InlineData("utf8")]
    [InlineData("invalid-utf8-in-comment")]
    public void When_a_file_is_ascii_or_not_Expect_the_same_circuit_and_warnings_as_its_decoded_text(string kind)
    {
        var bytes = kind switch
        {
            "ascii" => Encoding.ASCII.GetBytes(Text + ".temp 27\n"),
            "utf8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Text)],
            "utf8" => Encoding.UTF8.GetBytes("divider\n* Widerstände\nV1 in 0 DC 2\nR1 in out 1k\nR2 out 0 3k\n.end\n"),
            _ => [.. Encoding.ASCII.GetBytes("divider\n* bad "), 0xFF, .. Encoding.ASCII.GetBytes("\nV1 in 0 DC 2\nR1 in 0 1k\n")],
        };
        var path = Path.Combine(Path.GetTempPath(), $"bmcnn-read-{kind}-{Environment.ProcessId}.cir");
        File.WriteAllBytes(path, bytes);
        try
        {
            var text = new UTF8Encoding(false, false).GetString(bytes).TrimStart('\uFEFF');
            Assert.Equal(Dump(SpiceReader.Read(text, path)), Dump(SpiceReader.ReadFile(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
