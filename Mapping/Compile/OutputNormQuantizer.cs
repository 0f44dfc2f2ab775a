using Bmcnn.Devices;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Compile;

/// <summary>
/// The output layer's digital batch-norm in fixed point: its per-class affine map y = scale·s + shift has the scales
/// and the shifts each rounded to N-bit signed fixed point over ± their largest magnitude (<see cref="FixedPoint"/>),
/// stored back as a batch-norm with γ = scale, β = shift, mean 0 and variance 1 − ε.
/// </summary>
public static class OutputNormQuantizer
{
    /// <summary>The model with its last batch-norm quantized to <paramref name="bits"/> (the model itself when 0).</summary>
    public static BnnModel Apply(BnnModel model, int bits)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (bits == 0) return model;
        var norm = model.Blocks[^1].Norm;
        var scale = new double[norm.Features];
        var shift = new double[norm.Features];
        for (var c = 0; c < norm.Features; c++)
        {
            (scale[c], shift[c]) = norm.Affine(c);
        }
        FixedPoint.Quantize(scale, bits);
        FixedPoint.Quantize(shift, bits);
        var quantized = new BatchNorm(norm.Name, norm.Features, norm.Eps,
            scale.Select(v => (float)v).ToArray(), shift.Select(v => (float)v).ToArray(),
            new float[norm.Features], Enumerable.Repeat(1 - norm.Eps, norm.Features).ToArray());
        var layers = model.Layers.Select(l => ReferenceEquals(l, norm) ? quantized : l).ToList();
        return new BnnModel(model.Arch, model.Input, model.InputBits, layers, model.Metadata);
    }
}
