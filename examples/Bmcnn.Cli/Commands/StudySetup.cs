using Bmcnn.Devices;
using Bmcnn.Network.Data;
using Bmcnn.Network.Model;

namespace Bmcnn.Cli.Commands;

/// <summary>What a sweep runs on: models, device spec, test images, training images for calibration, threads.</summary>
/// <param name="Model">Default model.</param>
/// <param name="VatModel">Variation-aware model, when a mitigation needs it.</param>
/// <param name="Spec">Base device spec.</param>
/// <param name="Test">Test images.</param>
/// <param name="Train">Loads the training images (calibration), when a mitigation needs them.</param>
/// <param name="Threads">Worker threads in all (0 = all cores).</param>
public sealed record StudySetup(BnnModel Model, BnnModel? VatModel, DeviceSpec Spec, MnistSet Test, Func<MnistSet>? Train, int Threads)
{
    /// <summary>The model trained with multiplicative weight noise, when <c>vat-noise</c> needs it.</summary>
    public BnnModel? NoiseModel { get; init; }

    private int Cores => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>Trials at once: <paramref name="jobs"/> when given, else one per core.</summary>
    public int Jobs(int jobs) => jobs > 0 ? jobs : Cores;

    /// <summary>Inference threads inside each trial, so that trials × threads fills the cores.</summary>
    public int ThreadsPerTrial(int jobs) => Math.Max(1, Cores / Jobs(jobs));
}
