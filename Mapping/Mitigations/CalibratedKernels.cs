using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Mitigations;

/// <summary>
/// Crossbar kernels built from precomputed neuron response matrices (conductances for behavioral mode, transfer
/// matrices for circuit mode), so that a calibration can change the sense amplifiers and rebuild the kernels without
/// recomputing any circuit; the output layer's readings optionally pass through an <see cref="OutputCorrection"/>.
/// </summary>
public sealed class CalibratedKernels : IWeightedSumFactory
{
    private readonly MappedNetwork _network;
    private readonly IReadOnlyList<double[]> _responses;
    private readonly OutputCorrection? _correction;

    /// <summary>Creates the factory; <paramref name="responses"/> holds one rows × neurons matrix per layer (A/V).</summary>
    public CalibratedKernels(MappedNetwork network, IReadOnlyList<double[]> responses, string mode, OutputCorrection? correction = null)
    {
        _network = network;
        _responses = responses;
        _correction = correction;
        Mode = mode;
    }

    /// <inheritdoc />
    public string Mode { get; }

    /// <inheritdoc />
    public IWeightedSum Create(LayerBlock block)
    {
        var layer = _network.ForBlock(block.Index);
        if (layer is null)
        {
            return SoftwareKernels.For(block);
        }
        // Responses follow the network's compiled layers, which skip digital blocks.
        var response = _responses[IndexOf(layer)];
        var kernel = new CrossbarKernel(layer, response, _network.Spec, _network.Seed);
        return layer.IsOutput && _correction is not null ? CorrectedKernels.Correct(kernel, _correction) : kernel;
    }

    private int IndexOf(MappedLayer layer)
    {
        for (var i = 0; i < _network.Layers.Count; i++)
        {
            if (ReferenceEquals(_network.Layers[i], layer)) return i;
        }
        return -1;
    }
}
