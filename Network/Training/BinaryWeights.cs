using Bmcnn.Circuit;

namespace Bmcnn.Network.Training;

/// <summary>
/// Latent real weights and their effective binary values used in the forward pass: sign(w) (+1 for w ≥ 0), times
/// (1 + σ·ε) with fresh ε ~ N(0, 1) per batch under noise-aware training, or replaced by an
/// <see cref="IWeightPerturbation"/>'s effective weights under device-aware training. The straight-through estimator passes
/// dL/d(effective) to the latent weight unchanged; the optimizer clips latent weights to [−1, 1].
/// </summary>
internal sealed class BinaryWeights
{
    public BinaryWeights(string name, int columns, int rows, ref RandomStream init)
    {
        Rows = rows;
        Columns = columns;
        Latent = new Parameter(name, rows * columns, latentWeights: true);
        Effective = new float[rows * columns];
        float bound = 1f / MathF.Sqrt(rows);
        for (int i = 0; i < Latent.Value.Length; i++)
        {
            Latent.Value[i] = (float)((init.NextDouble() * 2 - 1) * bound);
        }
    }

    private float[]? _eps;

    public int Rows { get; }
    public int Columns { get; }
    public Parameter Latent { get; }

    /// <summary>Column-major like the model: Effective[column * Rows + row].</summary>
    public float[] Effective { get; }

    /// <summary>Relative σ of the multiplicative weight noise during training (0 = none).</summary>
    public float Sigma { get; set; }

    /// <summary>Source of the noise; set by the trainer for each batch.</summary>
    public GaussianNoise? Noise { get; set; }

    /// <summary>Device-aware weights (replaces the noise when set); with <see cref="Layer"/> and <see cref="Step"/>.</summary>
    public IWeightPerturbation? Perturbation { get; set; }

    /// <summary>This layer's index in the network (for <see cref="Perturbation"/>).</summary>
    public int Layer { get; set; }

    /// <summary>The training step of the current batch (for <see cref="Perturbation"/>).</summary>
    public long Step { get; set; }

    /// <summary>Use latent values as they are (no sign): only for gradient checks of the layer algebra.</summary>
    public bool Identity { get; set; }

    public void Binarize(bool training)
    {
        var w = Latent.Value;
        var e = Effective;
        if (Identity)
        {
            Array.Copy(w, e, w.Length);
            return;
        }
        for (int i = 0; i < w.Length; i++)
        {
            e[i] = w[i] >= 0 ? 1f : -1f;
        }
        if (training && Perturbation is not null)
        {
            Perturbation.Perturb(Layer, Rows, Columns, e, Step);
        }
        else if (training && Sigma > 0 && Noise is not null)
        {
            var eps = _eps ??= new float[w.Length];
            Noise.Fill(eps);
            for (int i = 0; i < e.Length; i++)
            {
                e[i] *= 1f + Sigma * eps[i];
            }
        }
    }
}
