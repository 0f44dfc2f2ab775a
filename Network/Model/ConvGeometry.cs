using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>
/// The window of a convolution or max-pool: kernel height × width, stride, and zero padding added on each side
/// (top and bottom <see cref="PadHeight"/>, left and right <see cref="PadWidth"/>).
/// </summary>
/// <param name="KernelHeight">Window rows.</param>
/// <param name="KernelWidth">Window columns.</param>
/// <param name="StrideHeight">Step between output rows.</param>
/// <param name="StrideWidth">Step between output columns.</param>
/// <param name="PadHeight">Zero rows added above and below.</param>
/// <param name="PadWidth">Zero columns added left and right.</param>
public readonly record struct ConvGeometry(int KernelHeight, int KernelWidth, int StrideHeight = 1, int StrideWidth = 1,
    int PadHeight = 0, int PadWidth = 0)
{
    /// <summary>A square window of stride 1 without padding (the version 1 convolution).</summary>
    public static ConvGeometry Square(int kernel) => new(kernel, kernel);

    /// <summary>Window positions (kernel height × width).</summary>
    public int Window => KernelHeight * KernelWidth;

    /// <summary>True for a square stride-1 unpadded window, the only one a version 1 model file can describe.</summary>
    public bool IsSimple => KernelHeight == KernelWidth && StrideHeight == 1 && StrideWidth == 1 && PadHeight == 0 && PadWidth == 0;

    /// <summary>Throws unless every size is positive and the padding non-negative and smaller than the window.</summary>
    public void Validate(string layer)
    {
        if (KernelHeight <= 0 || KernelWidth <= 0 || StrideHeight <= 0 || StrideWidth <= 0 || PadHeight < 0 || PadWidth < 0
            || PadHeight >= KernelHeight || PadWidth >= KernelWidth)
        {
            throw new BmcnnException($"layer {layer}: invalid window {this}");
        }
    }

    /// <summary>The output map size for an input of <paramref name="height"/> × <paramref name="width"/>, or (0, 0)
    /// when the padded input is smaller than the window.</summary>
    public (int Height, int Width) Output(int height, int width)
    {
        int h = height + 2 * PadHeight - KernelHeight, w = width + 2 * PadWidth - KernelWidth;
        return h < 0 || w < 0 ? (0, 0) : (h / StrideHeight + 1, w / StrideWidth + 1);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{KernelHeight}×{KernelWidth} stride {StrideHeight}×{StrideWidth} pad {PadHeight}×{PadWidth}";
}
