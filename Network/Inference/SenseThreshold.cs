using Bmcnn.Network.Model;

namespace Bmcnn.Network.Inference;

/// <summary>
/// Batch-norm followed by sign, folded into what a sense amplifier does: compare the weighted sum x with a
/// threshold, and invert the result for a negative batch-norm scale. Fires (+1) exactly when
/// γ·(x − μ)/√(σ² + ε) + β ≥ 0, i.e. x ≥ T for γ &gt; 0 and x ≤ T for γ &lt; 0, with T = μ − β·√(σ² + ε)/γ;
/// γ = 0 gives a constant output (T = ∓∞).
/// </summary>
/// <param name="Threshold">T, in the units of the weighted sum.</param>
/// <param name="Inverted">True when γ &lt; 0 (fire below the threshold).</param>
public readonly record struct SenseThreshold(double Threshold, bool Inverted)
{
    /// <summary>Folds channel <paramref name="channel"/> of a batch-norm.</summary>
    public static SenseThreshold Fold(BatchNorm norm, int channel)
    {
        double gamma = norm.Gamma[channel];
        double beta = norm.Beta[channel];
        double std = Math.Sqrt((double)norm.Variance[channel] + norm.Eps);
        if (gamma == 0)
        {
            return new SenseThreshold(beta >= 0 ? double.NegativeInfinity : double.PositiveInfinity, false);
        }
        return new SenseThreshold(norm.Mean[channel] - beta * std / gamma, gamma < 0);
    }

    /// <summary>+1 or −1 for a weighted sum.</summary>
    public float Fire(double x) => (Inverted ? x <= Threshold : x >= Threshold) ? 1f : -1f;
}
