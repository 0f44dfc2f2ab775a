using Bmcnn.Circuit;

namespace Bmcnn.Devices;

/// <summary>
/// A neuron's comparator: it outputs +1 when the (summed) column current plus its input-referred offset exceeds the
/// reference current, else −1. The reference comes from the neuron's folded batch-norm threshold (see the mapping).
/// </summary>
/// <param name="ReferenceCurrent">Reference current in amperes.</param>
/// <param name="Offset">This comparator's input-referred offset in amperes (drawn once per comparator).</param>
public readonly record struct SenseAmplifier(double ReferenceCurrent, double Offset)
{
    /// <summary>A comparator with a random offset of σ <paramref name="offsetSigma"/> amperes.</summary>
    public static SenseAmplifier Draw(double referenceCurrent, double offsetSigma, ref RandomStream random)
    {
        var z = random.NextGaussian();
        return new SenseAmplifier(referenceCurrent, offsetSigma * z);
    }

    /// <summary>The decision for a column current: true for +1, false for −1.</summary>
    public bool Decide(double current) => current + Offset > ReferenceCurrent;
}
