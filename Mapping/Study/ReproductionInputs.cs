using Bmcnn.Devices;
using Bmcnn.Mapping.Data;
using Bmcnn.Mapping.Model;

namespace Bmcnn.Mapping.Study;

/// <summary>What <c>bmcnn reproduce</c> runs on.</summary>
/// <param name="Model">The shipped default model.</param>
/// <param name="ModelName">How results.md names it.</param>
/// <param name="VatModel">The shipped variation-aware model.</param>
/// <param name="VatModelName">How results.md names it.</param>
/// <param name="Spec">The device spec of every stage (the swept field changes per trial).</param>
/// <param name="Test">All test images (stages take their first N).</param>
/// <param name="Train">Loads the training images for calibration.</param>
/// <param name="Threads">Worker threads in all (0 = all cores).</param>
/// <param name="Seed">Base seed.</param>
public sealed record ReproductionInputs(BnnModel Model, string ModelName, BnnModel VatModel, string VatModelName, DeviceSpec Spec,
    MnistSet Test, Func<MnistSet> Train, int Threads, long Seed);
