using System.IO.Compression;
using System.Security.Cryptography;
using Bmcnn.Circuit;

namespace Bmcnn.Network.Data;

/// <summary>
/// The last resort for MNIST: downloads the four gzip files from the standard public mirrors into a user cache
/// folder, verifies the SHA-256 of each uncompressed file against the published values, and keeps a file only
/// when it verifies (written to a temporary name, then renamed).
/// </summary>
public static class MnistDownload
{
    /// <summary>Mirrors tried in order; each serves the four files under their usual names with ".gz".</summary>
    public static readonly string[] Mirrors =
    [
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
    ];

    /// <summary>SHA-256 of each uncompressed file (the values of the reference SHA256SUMS).</summary>
    public static readonly IReadOnlyDictionary<string, string> Sha256 = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte"] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        ["train-labels-idx1-ubyte"] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        ["t10k-images-idx3-ubyte"] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        ["t10k-labels-idx1-ubyte"] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    /// <summary>The cache folder: $XDG_CACHE_HOME/bmcnn/mnist, else ~/.cache/bmcnn/mnist.</summary>
    public static string CacheFolder()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "bmcnn", "mnist");
    }

    /// <summary>
    /// Makes sure the four files are in <paramref name="folder"/>, downloading the missing ones with
    /// <paramref name="fetch"/> (default: HTTP GET) from <paramref name="mirrors"/> (default: <see cref="Mirrors"/>)
    /// and checking them against <paramref name="sha256"/> (default: <see cref="Sha256"/>).
    /// </summary>
    /// <exception cref="BmcnnException">When no mirror delivers a file that verifies.</exception>
    public static void Ensure(string folder, TextWriter? progress = null, Func<Uri, Stream>? fetch = null,
        IReadOnlyList<string>? mirrors = null, IReadOnlyDictionary<string, string>? sha256 = null)
    {
        fetch ??= HttpFetch;
        mirrors ??= Mirrors;
        sha256 ??= Sha256;
        Directory.CreateDirectory(folder);
        foreach (var (name, hash) in sha256)
        {
            string target = Path.Combine(folder, name + ".gz");
            if (File.Exists(target))
            {
                continue;
            }
            var failures = new List<string>();
            bool done = false;
            foreach (var mirror in mirrors)
            {
                var uri = new Uri(new Uri(mirror), name + ".gz");
                string temp = target + ".part";
                try
                {
                    progress?.WriteLine($"downloading {uri}");
                    using (var source = fetch(uri))
                    using (var file = File.Create(temp))
                    {
                        Copy(source, file, progress, name);
                    }
                    string actual = UncompressedSha256(temp);
                    if (!actual.Equals(hash, StringComparison.OrdinalIgnoreCase))
                    {
                        failures.Add($"{uri}: SHA-256 {actual}, expected {hash}");
                        File.Delete(temp);
                        continue;
                    }
                    File.Move(temp, target, overwrite: true);
                    done = true;
                    break;
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidDataException
                                               or TaskCanceledException or UnauthorizedAccessException)
                {
                    failures.Add($"{uri}: {ex.Message}");
                    if (File.Exists(temp))
                    {
                        File.Delete(temp);
                    }
                }
            }
            if (!done)
            {
                throw new BmcnnException($"could not download {name}.gz into {folder}: {string.Join("; ", failures)}");
            }
        }
    }

    /// <summary>SHA-256 (lowercase hex) of a file's content after gunzip (or of the raw content if not gzip).</summary>
    public static string UncompressedSha256(string path)
    {
        using var file = File.OpenRead(path);
        int b0 = file.ReadByte(), b1 = file.ReadByte();
        file.Position = 0;
        using Stream content = b0 == 0x1f && b1 == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
        return Convert.ToHexStringLower(SHA256.HashData(content));
    }

    private static Stream HttpFetch(Uri uri)
    {
        var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var response = client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        return response.Content.ReadAsStream();
    }

    private static void Copy(Stream source, Stream target, TextWriter? progress, string name)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        long nextReport = 1 << 20;
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            target.Write(buffer, 0, read);
            total += read;
            if (progress is not null && total >= nextReport)
            {
                progress.WriteLine($"  {name}: {total / (1 << 20)} MiB");
                nextReport += 1 << 20;
            }
        }
    }
}
