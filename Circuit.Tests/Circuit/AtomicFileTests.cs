using Bmcnn.Circuit;

namespace Bmcnn.Tests.Circuit;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bmcnn-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void When_a_write_fails_halfway_Expect_the_old_file_intact_and_no_temporary_left()
    {
        var path = Path.Combine(_dir, "out.csv");
        AtomicFile.WriteText(path, "old\n");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a fi"u8);
            throw new IOException("disk full");
        }));
        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void When_the_folder_is_missing_Expect_it_created_and_the_text_written_without_bom()
    {
        var path = Path.Combine(_dir, "a", "b", "x.txt");
        AtomicFile.WriteText(path, "é");
        Assert.Equal([0xC3, 0xA9], File.ReadAllBytes(path));
    }
}
