using Bmcnn.Circuit;

namespace Bmcnn.Network.Data;

/// <summary>A set of MNIST images (row-major bytes, 0 = background) with their labels (0–9).</summary>
public sealed class MnistSet
{
    /// <summary>Creates a set; <paramref name="pixels"/> holds <paramref name="count"/> images of rows×cols bytes.</summary>
    /// <exception cref="BmcnnException">When sizes disagree or a label is not a digit.</exception>
    public MnistSet(byte[] pixels, byte[] labels, int count, int rows, int cols, string name = "MNIST")
    {
        if (count < 0 || rows <= 0 || cols <= 0 || (long)count * rows * cols != pixels.Length)
        {
            throw new BmcnnException($"{name}: {pixels.Length} pixel bytes do not hold {count} images of {rows}×{cols}");
        }
        if (labels.Length != count)
        {
            throw new BmcnnException($"{name}: {labels.Length} labels for {count} images");
        }
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] > 9)
            {
                throw new BmcnnException($"{name}: label {i} is {labels[i]}, expected a digit 0-9");
            }
        }
        Pixels = pixels;
        Labels = labels;
        Count = count;
        Rows = rows;
        Cols = cols;
        Name = name;
    }

    /// <summary>Pixel bytes, image after image, row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>Labels, one per image.</summary>
    public byte[] Labels { get; }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Image height.</summary>
    public int Rows { get; }

    /// <summary>Image width.</summary>
    public int Cols { get; }

    /// <summary>Pixels per image.</summary>
    public int ImageSize => Rows * Cols;

    /// <summary>Where the set came from (for messages).</summary>
    public string Name { get; }

    /// <summary>The first <paramref name="limit"/> images (all of them when the limit is null or larger).</summary>
    public MnistSet Take(int? limit)
    {
        if (limit is null || limit.Value >= Count)
        {
            return this;
        }
        if (limit.Value <= 0)
        {
            throw new BmcnnException($"--limit must be positive, got {limit.Value}");
        }
        int n = limit.Value;
        return new MnistSet(Pixels.AsSpan(0, n * ImageSize).ToArray(), Labels.AsSpan(0, n).ToArray(), n, Rows, Cols, Name);
    }
}
