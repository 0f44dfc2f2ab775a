using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using Bmcnn.Circuit;
using Bmcnn.Network.Data;

namespace Bmcnn.Tests.Network.Data;

public sealed class MnistDataTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bmcnn-mnist-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    internal static byte[] Idx(byte[] data, params int[] dims)
    {
        var header = new byte[4 + 4 * dims.Length];
        header[2] = 0x08;
        header[3] = (byte)dims.Length;
        for (int d = 0; d < dims.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), dims[d]);
        }
        return header.Concat(data).ToArray();
    }

    internal static byte[] Gzip(byte[] content)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(content);
        }
        return ms.ToArray();
    }

    /// <summary>Writes a tiny test set (3 images of 2×2) as gzip idx files with a SHA256SUMS; returns the pixels.</summary>
    private byte[] WriteTinySet(bool gzip = true)
    {
        var pixels = Enumerable.Range(0, 12).Select(i => (byte)(i * 20)).ToArray();
        var images = Idx(pixels, 3, 2, 2);
        var labels = Idx(new byte[] { 7, 0, 9 }, 3);
        File.WriteAllBytes(Path.Combine(_dir, "t10k-images-idx3-ubyte" + (gzip ? ".gz" : "")), gzip ? Gzip(images) : images);
        File.WriteAllBytes(Path.Combine(_dir, "t10k-labels-idx1-ubyte" + (gzip ? ".gz" : "")), gzip ? Gzip(labels) : labels);
        File.WriteAllText(Path.Combine(_dir, "SHA256SUMS"),
            $"{Convert.ToHexStringLower(SHA256.HashData(images))}  t10k-images-idx3-ubyte\n{Convert.ToHexStringLower(SHA256.HashData(labels))}  t10k-labels-idx1-ubyte\n");
        return pixels;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void When_reading_gzip_or_raw_idx_files_Expect_images_and_labels(bool gzip)
    {
        var pixels = WriteTinySet(gzip);
        var set = MnistFolder.LoadTest(_dir);
        Assert.Equal(3, set.Count);
        Assert.Equal(2, set.Rows);
        Assert.Equal(pixels, set.Pixels);
        Assert.Equal(new byte[] { 7, 0, 9 }, set.Labels);
    }

    [Fact]
    public void When_file_is_truncated_Expect_error_naming_file_and_sizes()
    {
        WriteTinySet(gzip: false);
        string path = Path.Combine(_dir, "t10k-images-idx3-ubyte");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);
        File.Delete(Path.Combine(_dir, "SHA256SUMS"));
        var ex = Assert.Throws<BmcnnException>(() => MnistFolder.LoadTest(_dir));
        Assert.Contains("t10k-images-idx3-ubyte", ex.Message);
        Assert.Contains("truncated", ex.Message);
        Assert.Contains("12", ex.Message);
    }

    [Fact]
    public void When_gzip_stream_is_corrupt_Expect_error_naming_file()
    {
        WriteTinySet();
        string path = Path.Combine(_dir, "t10k-labels-idx1-ubyte.gz");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<BmcnnException>(() => MnistFolder.LoadTest(_dir));
        Assert.Contains("t10k-labels-idx1-ubyte.gz", ex.Message);
    }

    [Fact]
    public void When_content_does_not_match_SHA256SUMS_Expect_checksum_error()
    {
        WriteTinySet(gzip: false);
        string path = Path.Combine(_dir, "t10k-images-idx3-ubyte");
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<BmcnnException>(() => MnistFolder.LoadTest(_dir));
        Assert.Contains("SHA-256", ex.Message);
        Assert.Contains("t10k-images-idx3-ubyte", ex.Message);
    }

    [Fact]
    public void When_magic_is_wrong_or_file_missing_Expect_clear_errors()
    {
        var bad = Idx(new byte[4], 4);
        bad[2] = 0x0d;
        var ex = Assert.Throws<BmcnnException>(() => IdxFile.Parse(bad, "labels.idx", 1));
        Assert.Contains("labels.idx", ex.Message);
        Assert.Contains("0x0d", ex.Message);
        var missing = Assert.Throws<BmcnnException>(() => MnistFolder.LoadTest(_dir));
        Assert.Contains("not found", missing.Message);
        Assert.Contains("t10k-images-idx3-ubyte", missing.Message);
    }

    [Fact]
    public void When_label_is_not_a_digit_Expect_error()
    {
        var ex = Assert.Throws<BmcnnException>(() => new MnistSet(new byte[4], new byte[] { 12 }, 1, 2, 2, "x"));
        Assert.Contains("label 0 is 12", ex.Message);
    }

    [Fact]
    public void When_downloading_Expect_only_verified_files_kept()
    {
        // A fake mirror serving files this test makes: one good, one with the wrong content.
        var good = Idx(new byte[] { 1, 2, 3 }, 3);
        var bad = Idx(new byte[] { 1, 2, 4 }, 3);
        var sums = new Dictionary<string, string>
        {
            ["a-idx1-ubyte"] = Convert.ToHexStringLower(SHA256.HashData(good)),
            ["b-idx1-ubyte"] = Convert.ToHexStringLower(SHA256.HashData(good)),
        };
        Stream Fetch(Uri uri) => new MemoryStream(Gzip(uri.AbsolutePath.EndsWith("a-idx1-ubyte.gz") ? good : bad));
        string target = Path.Combine(_dir, "cache");
        var ex = Assert.Throws<BmcnnException>(() =>
            MnistDownload.Ensure(target, null, Fetch, ["http://mirror.invalid/mnist/"], sums));
        Assert.Contains("b-idx1-ubyte.gz", ex.Message);
        Assert.Contains("SHA-256", ex.Message);
        Assert.True(File.Exists(Path.Combine(target, "a-idx1-ubyte.gz")));
        Assert.False(File.Exists(Path.Combine(target, "b-idx1-ubyte.gz")));
        Assert.Equal(sums["a-idx1-ubyte"], MnistDownload.UncompressedSha256(Path.Combine(target, "a-idx1-ubyte.gz")));
    }
}
