using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Data;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Analog;

/// <summary>
/// The library entry point for hardware inference: a programmed <see cref="MappedNetwork"/> run through the BNN
/// <see cref="InferencePipeline"/> with behavioral or circuit kernels. One instance is one Monte-Carlo trial
/// (one draw of devices); build it with <see cref="Create"/> and call <see cref="Evaluate"/>.
/// </summary>
public sealed class CrossbarInference
{
    /// <summary>
    /// Wraps a programmed network; building the kernels (in circuit mode: every tile's transfer matrix) happens here.
    /// With <paramref name="energy"/>, every read's array power is metered into it.
    /// </summary>
    public CrossbarInference(MappedNetwork network, InferenceMode mode, int threads = 0, EnergyMeter? energy = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
        Mode = mode;
        IWeightedSumFactory kernels = mode switch
        {
            InferenceMode.Behavioral when energy is not null => new MeteredBehavioralKernels(network, energy),
            InferenceMode.Behavioral => new BehavioralKernels(network),
            InferenceMode.Circuit => new CircuitKernels(network, threads, energy),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
        Pipeline = new InferencePipeline(network.Model, kernels, threads);
    }

    /// <summary>Programs <paramref name="model"/> onto <paramref name="spec"/> with <paramref name="seed"/> and prepares the mode.</summary>
    public static CrossbarInference Create(BnnModel model, DeviceSpec spec, ulong seed, InferenceMode mode, int threads = 0) =>
        new(MappedNetwork.Program(model, spec, seed), mode, threads);

    /// <summary>The programmed network.</summary>
    public MappedNetwork Network { get; }

    /// <summary>Behavioral or circuit.</summary>
    public InferenceMode Mode { get; }

    /// <summary>The layer pipeline with this mode's kernels.</summary>
    public InferencePipeline Pipeline { get; }

    /// <summary>Classifies the first <paramref name="limit"/> images of <paramref name="set"/> (all when null).</summary>
    public InferenceResult Evaluate(MnistSet set, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Pipeline.Evaluate(set.Take(limit));
    }
}
