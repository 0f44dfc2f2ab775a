using Bmcnn.Circuit.Crossbars;
using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Analog;

/// <summary>
/// Circuit mode: every tile is a circuit with the spec's wire resistance, drivers and termination. With ohmic devices
/// a tile is linear, so its exact transfer matrix is computed once (tiles in parallel) and every input then goes
/// through a GEMM; with the sinh law every input vector of every tile is solved exactly by the chain solver (or, with an
/// <see cref="EnergyMeter"/>, by the engine's Newton, which also meters each read's power: slow, use a limit).
/// With an <see cref="EnergyMeter"/>, the ohmic tile's factorization also gives its power forms and every read is metered.
/// </summary>
public sealed class CircuitKernels(MappedNetwork network, int threads = 0, EnergyMeter? energy = null) : IWeightedSumFactory
{
    /// <inheritdoc />
    public string Mode => "circuit";

    /// <summary>
    /// Sinh devices only: solve every vector with the engine's sparse Newton (<see cref="NewtonKernel"/>, the slow
    /// reference) instead of the chain solver (<see cref="ChainNewtonKernel"/>); both solve the same circuit.
    /// </summary>
    public bool ReferenceNewton { get; init; }

    /// <summary>
    /// Sinh devices with resistive wires: solve four input vectors per tile at once (<see cref="ChainNewtonKernel.Blocked"/>);
    /// false solves one at a time. Same circuits, same answers to solver tolerance.
    /// </summary>
    public bool BlockedSinh { get; init; } = true;

    /// <summary>Sinh devices: sweeps after which a tile solve of the chain solver fails.</summary>
    public int MaxSweeps { get; init; } = 400;

    /// <inheritdoc />
    public IWeightedSum Create(LayerBlock block)
    {
        var layer = network.ForBlock(block.Index);
        if (layer is null)
        {
            return SoftwareKernels.For(block);
        }
        if (network.Spec.Nonlinearity != Nonlinearity.Ohmic)
        {
            return energy is not null ? new NewtonKernel(layer, network.Spec, energy)
                : ReferenceNewton ? new NewtonKernel(layer, network.Spec)
                : new ChainNewtonKernel(layer, network.Spec, MaxSweeps) { Blocked = BlockedSinh };
        }
        if (energy is not null)
        {
            var (w, forms) = NeuronResponseAndPower(layer, network.Spec, threads);
            var kernel = new CrossbarKernel(layer, w, network.Spec, network.Seed);
            return new MeteredKernel(kernel, forms, energy, layer.Index, layer.Block.Positions);
        }
        return new CrossbarKernel(layer, NeuronResponse(layer, network.Spec, threads), network.Spec, network.Seed);
    }

    /// <summary>
    /// <see cref="NeuronResponse"/> (the same numbers) and the layer's power forms, from one factorization per tile.
    /// With a <paramref name="cache"/>, tiles solved before (same conductances, wires and periphery) are not solved again.
    /// </summary>
    public static (double[] Response, LayerPowerForms Power) NeuronResponseAndPower(MappedLayer layer, DeviceSpec spec, int threads = 0,
        TransferMatrixCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(spec);
        var responses = cache?.Responses(layer.Tiles, spec, threads) ?? new CrossbarResponse[layer.Tiles.Count];
        if (cache is null)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
            Parallel.For(0, responses.Length, options, t => responses[t] = TileCircuit.Response(layer.Tiles[t], spec));
        }
        var w = new double[layer.Plan.Rows * layer.Plan.Neurons];
        for (var t = 0; t < responses.Length; t++)
        {
            layer.Tiles[t].AddNeuronResponse(TileCircuit.Flatten(responses[t].Transfer), w, layer.Plan.Neurons);
        }
        return (w, LayerPowerForms.FromCircuit(layer, responses, spec.VRead));
    }

    /// <summary>
    /// The layer's neuron response with wires (rows × neurons, A/V): every tile's transfer matrix, its columns combined
    /// into neurons and its row block placed in the layer's rows. With a <paramref name="cache"/>, tiles solved before
    /// (same conductances, wires and periphery) are not solved again.
    /// </summary>
    public static double[] NeuronResponse(MappedLayer layer, DeviceSpec spec, int threads = 0, TransferMatrixCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var transfers = cache?.TransferMatrices(layer.Tiles, spec, threads) ?? new double[layer.Tiles.Count][];
        if (cache is null)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
            Parallel.For(0, transfers.Length, options, t => transfers[t] = TileCircuit.TransferMatrix(layer.Tiles[t], spec));
        }
        var w = new double[layer.Plan.Rows * layer.Plan.Neurons];
        for (var t = 0; t < transfers.Length; t++)
        {
            layer.Tiles[t].AddNeuronResponse(transfers[t], w, layer.Plan.Neurons);
        }
        return w;
    }
}
