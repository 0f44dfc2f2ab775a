using System.Globalization;
using Bmcnn.Circuit;

namespace Bmcnn.Study.Sweeps;

/// <summary>
/// <c>--shard K/N</c>: this process runs shard K (1-based) of N. Grid cell i belongs to shard (i mod N) + 1, a
/// round-robin deal that gives every shard the same mix of cheap and expensive values.
/// </summary>
/// <param name="Index">Shard number, 1..Count.</param>
/// <param name="Count">Number of shards.</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole grid.</summary>
    public static ShardSpec All => new(1, 1);

    /// <summary>Parses <c>K/N</c> with 1 ≤ K ≤ N.</summary>
    /// <exception cref="BmcnnException">Malformed text or K outside 1..N.</exception>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n < 1 || k < 1 || k > n)
        {
            throw new BmcnnException($"--shard: '{text}' is not K/N with 1 <= K <= N (e.g. 3/8)");
        }
        return new ShardSpec(k, n);
    }

    /// <summary>True when grid cell <paramref name="gridIndex"/> belongs to this shard.</summary>
    public bool Contains(int gridIndex) => gridIndex % Count == Index - 1;

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}
