using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>
/// A binarized 2-D convolution, stride 1, no padding. Crossbar row index of kernel position (ky, kx) and input channel
/// c is <c>(ky·Kernel + kx)·InChannels + c</c>; columns are output channels.
/// </summary>
public sealed class BinaryConv2d : WeightedLayer
{
    /// <summary>Creates the layer; weights default to +1.</summary>
    public BinaryConv2d(string name, int inChannels, int outChannels, int kernel, sbyte[]? weights = null)
        : base(name, kernel * kernel * inChannels, outChannels, weights)
    {
        if (kernel <= 0 || inChannels <= 0)
        {
            throw new BmcnnException($"layer {name}: kernel and channels must be positive");
        }
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Square kernel size.</summary>
    public int Kernel { get; }

    /// <inheritdoc />
    public override string Type => "conv2d";

    /// <inheritdoc />
    public override TensorShape OutputShape(TensorShape input)
    {
        if (input.Flat || input.Channels != InChannels || input.Height < Kernel || input.Width < Kernel)
        {
            throw new BmcnnException($"layer {Name}: input {input} does not fit a {Kernel}×{Kernel}×{InChannels} kernel");
        }
        return new TensorShape(input.Height - Kernel + 1, input.Width - Kernel + 1, OutChannels);
    }
}
