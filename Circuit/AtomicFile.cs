using System.Text;

namespace Bmcnn.Circuit;

/// <summary>
/// Writes a file through a temporary sibling and a rename, so readers (and a resumed run after a crash) only ever see
/// a complete file, and a failed write leaves nothing behind. The temporary name is unique per call, so concurrent
/// shards and threads never collide. Every file the tool writes goes through here.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, flushes it to disk and renames it into place.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> atomically (UTF-8, no byte-order mark).</summary>
    public static void WriteText(string path, string text) =>
        Write(path, stream => stream.Write(new UTF8Encoding(false).GetBytes(text)));
}
