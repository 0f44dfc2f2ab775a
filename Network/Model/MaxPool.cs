using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>Max-pooling over windows of any height × width and stride, without padding (a ragged edge is dropped).
/// Version 1 models hold only square windows with stride = size.</summary>
public sealed class MaxPool : ModelLayer
{
    /// <summary>Creates a non-overlapping Size×Size pool (stride Size).</summary>
    public MaxPool(string name, int size) : this(name, new ConvGeometry(size, size, size, size))
    {
    }

    /// <summary>Creates a pool of any window and stride (padding must be 0).</summary>
    public MaxPool(string name, ConvGeometry window) : base(name)
    {
        if (window.KernelHeight < 1 || window.KernelWidth < 1 || window.StrideHeight < 1 || window.StrideWidth < 1
            || window.PadHeight != 0 || window.PadWidth != 0)
        {
            throw new BmcnnException($"layer {name}: invalid pool window {window}");
        }
        Window = window;
    }

    /// <summary>Window and stride.</summary>
    public ConvGeometry Window { get; }

    /// <summary>Window height (the side of a square window).</summary>
    public int Size => Window.KernelHeight;

    /// <summary>True for a square window whose stride equals its size (what version 1 describes).</summary>
    public bool IsSimple => Window.KernelHeight == Window.KernelWidth && Window.StrideHeight == Window.KernelHeight
        && Window.StrideWidth == Window.KernelWidth;

    /// <inheritdoc />
    public override string Type => "maxpool";

    /// <inheritdoc />
    public override TensorShape OutputShape(TensorShape input)
    {
        var (h, w) = Window.Output(input.Height, input.Width);
        if (input.Flat || h == 0)
        {
            throw new BmcnnException($"layer {Name}: cannot pool {input} by {Window.KernelHeight}×{Window.KernelWidth}");
        }
        return new TensorShape(h, w, input.Channels);
    }
}
