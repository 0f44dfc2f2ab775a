using Bmcnn.Circuit;
using Bmcnn.Network.Model;

namespace Bmcnn.Network.Exchange;

/// <summary>
/// How an imported block's affine map y = a·s + b per neuron is stored: for a hidden block as a threshold (a batch-norm
/// with γ = ±1, mean T, var 1), decided on float sums exactly as the double map decides; for the output block as the
/// map itself (the logits).
/// </summary>
internal static class BlockThreshold
{
    /// <summary>The batch-norm of layer <paramref name="name"/>'s map; <paramref name="sign"/> for a hidden block.</summary>
    public static BatchNorm Fold(string name, double[] a, double[] b, bool sign, bool poolBeforeSign, string file)
    {
        int n = a.Length;
        float[] gamma = new float[n], beta = new float[n], mean = new float[n], variance = new float[n];
        Array.Fill(variance, 1f);
        for (int j = 0; j < n; j++)
        {
            if (!sign)
            {
                (gamma[j], beta[j]) = ((float)a[j], (float)b[j]);
            }
            else if (a[j] == 0)
            {
                (gamma[j], beta[j]) = (0f, b[j] >= 0 ? 1f : -1f);
            }
            else
            {
                // Fires when a·s + b ≥ 0: s ≥ −b/a for a > 0, s ≤ −b/a for a < 0.
                (gamma[j], mean[j]) = (a[j] > 0 ? 1f : -1f, Threshold(-b[j] / a[j], a[j] > 0));
                if (poolBeforeSign && a[j] < 0)
                {
                    throw new BmcnnException($"{file}: layer {name}: a max-pool before the sign commutes with it only for a positive " +
                        $"scale, neuron {j} has a negative one");
                }
            }
        }
        // eps so small that √(1 + eps) is exactly 1 in double: the stored map is exactly y = gamma·(x − mean) + beta.
        return new BatchNorm($"{name}.bn", n, 1e-30f, gamma, beta, mean, variance);
    }

    /// <summary>The float32 threshold that decides every float sum exactly like the double one: rounded up for
    /// "s ≥ t", down for "s ≤ t".</summary>
    public static float Threshold(double t, bool atLeast)
    {
        float f = (float)t;
        if (atLeast && f < t)
        {
            return MathF.BitIncrement(f);
        }
        return !atLeast && f > t ? MathF.BitDecrement(f) : f;
    }
}
