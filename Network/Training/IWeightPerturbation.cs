namespace Bmcnn.Network.Training;

/// <summary>
/// Replaces a layer's binary weights by the values the hardware would compute with, afresh for every training batch
/// (device-aware training). The network knows nothing of devices: the implementation decides what a ±1 weight
/// becomes. Must be deterministic in (layer, step) and safe to call from one thread at a time.
/// </summary>
public interface IWeightPerturbation
{
    /// <summary>A one-line description stored in checkpoints and model metadata (a resume requires the same one).</summary>
    string Description { get; }

    /// <summary>
    /// Overwrites <paramref name="weights"/> (layer <paramref name="layer"/>, column-major: weights[column·rows + row],
    /// each ±1 on entry) with its effective values for training step <paramref name="step"/>.
    /// </summary>
    void Perturb(int layer, int rows, int columns, float[] weights, long step);
}
