using Bmcnn.Circuit;

namespace Bmcnn.Network.Training;

/// <summary>Settings of a training run (the <c>bmcnn train</c> flags).</summary>
public sealed class TrainingOptions
{
    /// <summary>Architecture name.</summary>
    public string Arch { get; init; } = "lenet";

    /// <summary>Layer widths (null = the architecture's defaults).</summary>
    public IReadOnlyList<int>? Widths { get; init; }

    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 8;

    /// <summary>Seed of every random draw (initialization, shuffling, weight noise).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Images per optimizer step.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Adam's initial learning rate; decays to zero along a cosine over all steps.</summary>
    public double LearningRate { get; init; } = 0.005;

    /// <summary>Relative σ of the multiplicative Gaussian weight noise (variation-aware training; 0 = off).</summary>
    public double TrainSigma { get; init; }

    /// <summary>
    /// Device-aware training: replaces every binary weight by the chip's effective weight drawn afresh for every batch
    /// (null = off). Excludes <see cref="TrainSigma"/>.
    /// </summary>
    public IWeightPerturbation? Perturbation { get; init; }

    /// <summary>Use only the first N training images (null = all).</summary>
    public int? Limit { get; init; }

    /// <summary>First-layer input bits (8 = MNIST's own pixels).</summary>
    public int InputBits { get; init; } = 8;

    /// <summary>Name of the dataset trained on (part of the checkpoint fingerprint when not MNIST).</summary>
    public string Dataset { get; init; } = "mnist";

    /// <summary>Worker threads (0 = all processors).</summary>
    public int Threads { get; init; }

    /// <summary>Checks ranges; throws <see cref="BmcnnException"/> naming the flag.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new BmcnnException($"--epochs must be at least 1, got {Epochs}");
        }
        if (BatchSize < 2)
        {
            throw new BmcnnException($"--batch must be at least 2, got {BatchSize}");
        }
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new BmcnnException($"--lr must be positive, got {LearningRate}");
        }
        if (!(TrainSigma >= 0) || TrainSigma > 10)
        {
            throw new BmcnnException($"--train-sigma must be in [0, 10], got {TrainSigma}");
        }
        if (TrainSigma > 0 && Perturbation is not null)
        {
            throw new BmcnnException("--train-sigma and --train-device exclude each other (pick one weight model)");
        }
    }

    /// <summary>
    /// A one-line description stored in checkpoints: a resume requires the same settings (and dataset; MNIST runs keep
    /// the wording they had before datasets were named).
    /// </summary>
    public string Fingerprint() =>
        $"arch={Arch};widths={(Widths is null ? "default" : string.Join(',', Widths))};epochs={Epochs};seed={Seed};batch={BatchSize};" +
        $"lr={LearningRate:R};sigma={TrainSigma:R};limit={Limit?.ToString() ?? "all"};bits={InputBits}" +
        (Perturbation is null ? "" : $";device={Perturbation.Description}") + (Dataset == "mnist" ? "" : $";dataset={Dataset}");
}
