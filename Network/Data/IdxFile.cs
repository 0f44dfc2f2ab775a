using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using Bmcnn.Circuit;

namespace Bmcnn.Network.Data;

/// <summary>
/// Reads an idx file (the MNIST container: a big-endian magic number 0x000008TT with element type TT and rank, the
/// dimension sizes, then the elements), raw or gzip-compressed (detected from the 1f 8b magic, not the name).
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads an unsigned-byte idx file of the given rank; returns the dimensions and the elements.</summary>
    /// <param name="path">The file (gzip or raw).</param>
    /// <param name="rank">Expected number of dimensions (1 for labels, 3 for images).</param>
    /// <param name="expectedSha256">Optional SHA-256 (hex) of the uncompressed content.</param>
    /// <exception cref="BmcnnException">Missing, truncated, corrupt or mismatching file; the message names it.</exception>
    public static (int[] Dimensions, byte[] Data) ReadBytes(string path, int rank, string? expectedSha256 = null)
    {
        if (!File.Exists(path))
        {
            throw new BmcnnException($"{path}: data file not found");
        }
        byte[] content = Decompress(path);
        if (expectedSha256 is not null)
        {
            string actual = Convert.ToHexStringLower(SHA256.HashData(content));
            if (!actual.Equals(expectedSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new BmcnnException(
                    $"{path}: SHA-256 of the uncompressed content is {actual}, expected {expectedSha256} (corrupt or wrong file)");
            }
        }
        return Parse(content, path, rank);
    }

    /// <summary>Parses idx content already in memory; <paramref name="name"/> is used in error messages.</summary>
    public static (int[] Dimensions, byte[] Data) Parse(byte[] content, string name, int rank)
    {
        int header = 4 + 4 * rank;
        if (content.Length < 4)
        {
            throw new BmcnnException($"{name}: truncated idx file ({content.Length} bytes, expected at least {header})");
        }
        if (content[0] != 0 || content[1] != 0)
        {
            throw new BmcnnException($"{name}: not an idx file (magic bytes {content[0]:x2} {content[1]:x2}, expected 00 00)");
        }
        if (content[2] != UnsignedByte)
        {
            throw new BmcnnException($"{name}: idx element type 0x{content[2]:x2}, expected 0x08 (unsigned byte)");
        }
        if (content[3] != rank)
        {
            throw new BmcnnException($"{name}: idx file of rank {content[3]}, expected rank {rank}");
        }
        if (content.Length < header)
        {
            throw new BmcnnException($"{name}: truncated idx header ({content.Length} bytes, expected {header})");
        }
        var dims = new int[rank];
        long total = 1;
        for (int d = 0; d < rank; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(4 + 4 * d));
            if (size == 0 || size > int.MaxValue)
            {
                throw new BmcnnException($"{name}: idx dimension {d} has invalid size {size}");
            }
            dims[d] = (int)size;
            total *= size;
        }
        long present = content.Length - header;
        if (present != total)
        {
            string what = present < total ? "truncated" : "has trailing bytes";
            throw new BmcnnException(
                $"{name}: {what}: the header ({string.Join('×', dims)}) needs {total} data bytes, the file has {present}");
        }
        return (dims, content.AsSpan(header).ToArray());
    }

    private static byte[] Decompress(string path)
    {
        byte[] raw;
        try
        {
            raw = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new BmcnnException($"{path}: cannot read: {ex.Message}", ex);
        }
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b)
        {
            return raw;
        }
        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream(raw.Length * 4);
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or EndOfStreamException)
        {
            throw new BmcnnException($"{path}: corrupt or truncated gzip data ({ex.Message})", ex);
        }
    }
}
