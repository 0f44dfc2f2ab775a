using Bmcnn.Devices;
using Bmcnn.Network.Data;
using Bmcnn.Network.Model;

namespace Bmcnn.Study.Reproduction;

/// <summary>What <c>bmcnn reproduce</c> runs on.</summary>
/// <param name="Model">The shipped default model.</param>
/// <param name="ModelName">How results.md names it.</param>
/// <param name="VatModel">The shipped variation-aware model, or null when there is none (then <c>vat</c> is skipped and results.md says so).</param>
/// <param name="VatModelName">How results.md names it.</param>
/// <param name="Spec">The device spec of every stage (the swept field changes per trial).</param>
/// <param name="Test">All test images (stages take their first N).</param>
/// <param name="Train">Loads the training images for calibration.</param>
/// <param name="Threads">Worker threads in all (0 = all cores).</param>
/// <param name="Seed">Base seed.</param>
public sealed record ReproductionInputs(BnnModel Model, string ModelName, BnnModel? VatModel, string VatModelName, DeviceSpec Spec,
    MnistSet Test, Func<MnistSet> Train, int Threads, long Seed)
{
    /// <summary>The model trained with multiplicative weight noise (<c>vat-noise</c>), or null (then it is skipped).</summary>
    public BnnModel? NoiseModel { get; init; }

    /// <summary>How results.md and the plot titles name the dataset (MNIST unless <c>--dataset</c> says otherwise).</summary>
    public string DatasetTitle { get; init; } = "MNIST";
}
