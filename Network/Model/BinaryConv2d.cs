using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>
/// A binarized 2-D convolution with a kernel of any height × width, stride and zero padding (<see cref="Geometry"/>).
/// Crossbar row index of kernel position (ky, kx) and input channel c is <c>(ky·KernelWidth + kx)·InChannels + c</c>;
/// columns are output channels. A padded position contributes 0 (its row is driven at 0 V).
/// </summary>
public sealed class BinaryConv2d : WeightedLayer
{
    /// <summary>Creates a square stride-1 unpadded layer; weights default to +1.</summary>
    public BinaryConv2d(string name, int inChannels, int outChannels, int kernel, sbyte[]? weights = null)
        : this(name, inChannels, outChannels, ConvGeometry.Square(kernel), weights)
    {
    }

    /// <summary>Creates a binary layer of any geometry; weights default to +1.</summary>
    public BinaryConv2d(string name, int inChannels, int outChannels, ConvGeometry geometry, sbyte[]? weights = null)
        : base(name, Math.Max(geometry.Window, 0) * inChannels, outChannels, weights)
    {
        Check(name, inChannels, geometry);
        InChannels = inChannels;
        OutChannels = outChannels;
        Geometry = geometry;
    }

    /// <summary>Creates a digital (float-weight) layer, computed by the host rather than on crossbars.</summary>
    public BinaryConv2d(string name, int inChannels, int outChannels, ConvGeometry geometry, float[] values)
        : base(name, Math.Max(geometry.Window, 0) * inChannels, outChannels, values)
    {
        Check(name, inChannels, geometry);
        InChannels = inChannels;
        OutChannels = outChannels;
        Geometry = geometry;
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel size, stride and padding.</summary>
    public ConvGeometry Geometry { get; }

    /// <summary>Kernel height (the side of a square kernel).</summary>
    public int Kernel => Geometry.KernelHeight;

    /// <inheritdoc />
    public override string Type => "conv2d";

    /// <inheritdoc />
    public override TensorShape OutputShape(TensorShape input)
    {
        var (h, w) = Geometry.Output(input.Height, input.Width);
        if (input.Flat || input.Channels != InChannels || h == 0)
        {
            throw new BmcnnException($"layer {Name}: input {input} does not fit a {Geometry.KernelHeight}×{Geometry.KernelWidth}×{InChannels} " +
                $"kernel (padding {Geometry.PadHeight}×{Geometry.PadWidth})");
        }
        return new TensorShape(h, w, OutChannels);
    }

    private static void Check(string name, int inChannels, ConvGeometry geometry)
    {
        if (inChannels <= 0)
        {
            throw new BmcnnException($"layer {name}: kernel and channels must be positive");
        }
        geometry.Validate(name);
    }
}
