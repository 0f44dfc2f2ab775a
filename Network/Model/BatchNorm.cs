using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>Batch normalization with frozen statistics: y = Gamma·(x − Mean)/√(Variance + Eps) + Beta, per channel.</summary>
public sealed class BatchNorm : ModelLayer
{
    /// <summary>Creates the identity normalization (gamma 1, beta 0, mean 0, variance 1) or the given values.</summary>
    public BatchNorm(string name, int features, float eps = 1e-5f,
        float[]? gamma = null, float[]? beta = null, float[]? mean = null, float[]? variance = null) : base(name)
    {
        if (features <= 0)
        {
            throw new BmcnnException($"layer {name}: features must be positive");
        }
        if (!(eps > 0) || !float.IsFinite(eps))
        {
            throw new BmcnnException($"layer {name}: eps must be positive, got {eps}");
        }
        Features = features;
        Eps = eps;
        Gamma = Check(gamma, features, 1f, "gamma");
        Beta = Check(beta, features, 0f, "beta");
        Mean = Check(mean, features, 0f, "mean");
        Variance = Check(variance, features, 1f, "var");
        foreach (var v in Variance)
        {
            if (v < 0)
            {
                throw new BmcnnException($"layer {name}: negative variance {v}");
            }
        }
    }

    /// <summary>Channels normalized.</summary>
    public int Features { get; }

    /// <summary>Added to the variance.</summary>
    public float Eps { get; }

    /// <summary>Scale.</summary>
    public float[] Gamma { get; }

    /// <summary>Shift.</summary>
    public float[] Beta { get; }

    /// <summary>Running mean.</summary>
    public float[] Mean { get; }

    /// <summary>Running variance.</summary>
    public float[] Variance { get; }

    /// <inheritdoc />
    public override string Type => "batchnorm";

    /// <summary>The affine map y = Scale·x + Shift of channel <paramref name="c"/> (computed in double).</summary>
    public (double Scale, double Shift) Affine(int c)
    {
        double scale = Gamma[c] / Math.Sqrt((double)Variance[c] + Eps);
        return (scale, Beta[c] - Mean[c] * scale);
    }

    /// <inheritdoc />
    public override TensorShape OutputShape(TensorShape input)
    {
        if (input.Channels != Features)
        {
            throw new BmcnnException($"layer {Name}: normalizes {Features} channels, input has {input.Channels}");
        }
        return input;
    }

    private float[] Check(float[]? values, int n, float fill, string field)
    {
        if (values is null)
        {
            values = new float[n];
            Array.Fill(values, fill);
        }
        if (values.Length != n)
        {
            throw new BmcnnException($"layer {Name}: {field} has {values.Length} values, expected {n}");
        }
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                throw new BmcnnException($"layer {Name}: {field} has a non-finite value");
            }
        }
        return values;
    }
}
