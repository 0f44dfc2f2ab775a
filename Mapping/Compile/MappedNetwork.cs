using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Compile;

/// <summary>
/// A binarized network compiled onto crossbar tiles and programmed with one draw of device instances: the object a
/// Monte-Carlo trial evaluates. <see cref="Program"/> is deterministic in (model, spec, seed): tile devices come from
/// streams keyed (seed, layer, tile), comparator offsets from (seed, layer, −1 − neuron block).
/// </summary>
public sealed class MappedNetwork
{
    private MappedNetwork(BnnModel model, DeviceSpec spec, ulong seed, IReadOnlyList<MappedLayer> layers)
    {
        Model = model;
        Spec = spec;
        Seed = seed;
        Layers = layers;
    }

    /// <summary>The software model, its output batch-norm in the spec's fixed point when <c>outputBits</c> is set.</summary>
    public BnnModel Model { get; }

    /// <summary>The hardware it is mapped onto.</summary>
    public DeviceSpec Spec { get; }

    /// <summary>The seed of the device draws.</summary>
    public ulong Seed { get; }

    /// <summary>The compiled layers, first to last; digital (host-computed) layers of a hybrid model have none.</summary>
    public IReadOnlyList<MappedLayer> Layers { get; }

    /// <summary>The compiled layer of model block <paramref name="blockIndex"/>, or null for a digital layer.</summary>
    public MappedLayer? ForBlock(int blockIndex) => Layers.FirstOrDefault(l => l.Index == blockIndex);

    /// <summary>Pixel levels the first layer's DAC produces for 8-bit pixels (fractions of v_read).</summary>
    public float[] PixelLevels()
    {
        if (Spec.DacBits == 0) return Model.PixelLevels();
        var levels = (1 << Spec.DacBits) - 1;
        var table = new float[256];
        for (var p = 0; p < 256; p++)
        {
            table[p] = (float)(Math.Round(p / 255.0 * levels) / levels);
        }
        return table;
    }

    /// <summary>The compiled layer of that name.</summary>
    public MappedLayer Layer(string name) =>
        Layers.FirstOrDefault(l => l.Name == name)
        ?? throw new BmcnnException($"model has no weighted layer '{name}' (has {string.Join(", ", Layers.Select(l => l.Name))})");

    /// <summary>Total tiles over all layers.</summary>
    public int TileCount => Layers.Sum(l => l.Tiles.Count);

    /// <summary>Compiles and programs every layer of <paramref name="model"/> onto tiles of <paramref name="spec"/>.</summary>
    /// <exception cref="BmcnnException">When the spec is impossible or its tiles cannot hold the model's kernels.</exception>
    public static MappedNetwork Program(BnnModel model, DeviceSpec spec, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var sampler = new DeviceSampler(spec);
        var inputBits = spec.DacBits > 0 ? spec.DacBits : model.InputBits;
        var scheme = spec.Scheme == WeightScheme.Differential ? 1.0 : 0.5;
        var unit = spec.VRead * spec.Redundancy * (spec.GOn - spec.GOff) * scheme;

        // Plan every layer first so an impossible tile size is refused before any device is drawn.
        // Digital (float-weight) layers are computed by the host and get no tiles.
        var plans = model.Blocks.Select(b => b.Weighted.Digital ? null : new TilePlan(b.Weighted.Name, b.Weighted.Rows, b.Weighted.Columns,
            spec, b.Weighted is BinaryConv2d conv ? conv.Geometry.Window : 1)).ToArray();

        var layers = new List<MappedLayer>();
        foreach (var block in model.Blocks)
        {
            var plan = plans[block.Index];
            if (plan is null)
            {
                continue;
            }
            var neurons = block.Weighted.Columns;
            var thresholds = new SenseThreshold[block.Sign ? neurons : 0];
            var flipped = new bool[neurons];
            for (var n = 0; n < thresholds.Length; n++)
            {
                thresholds[n] = SenseThreshold.Fold(block.Norm, n);
                flipped[n] = thresholds[n].Inverted;
            }
            var tiles = LayerProgramming.Program(plan, block.Index, block.Weighted.Weights, flipped, sampler, seed);
            var quantum = block.Index == 0 ? 1.0 / ((1 << inputBits) - 1) : 1.0;
            var amplifiers = new SenseAmplifier[thresholds.Length];
            for (var nb = 0; nb < plan.NeuronTiles; nb++)
            {
                // One stream per neuron block, keyed apart from the tiles' (which use tile indices ≥ 0).
                var random = RandomStream.For(seed, block.Index, -1 - nb);
                for (var n = plan.NeuronStarts[nb]; n < plan.NeuronStarts[nb + 1] && n < amplifiers.Length; n++)
                {
                    amplifiers[n] = SenseAmplifier.Draw(unit * MappedLayer.Boundary(thresholds[n], quantum), spec.OffsetSigma, ref random);
                }
            }
            Adc? adc = null;
            if (!block.Sign)
            {
                // Full scale: the largest current an ideal crossbar can produce (every input at its maximum, all weights agreeing).
                adc = new Adc(spec.AdcBits, unit * block.Weighted.Rows);
            }
            var layer = new MappedLayer(block, plan, tiles, thresholds, amplifiers, unit, quantum, adc);
            layer.QuantizeReferences(spec.ThresholdBits);
            layers.Add(layer);
        }
        return new MappedNetwork(OutputNormQuantizer.Apply(model, spec.OutputBits), spec, seed, layers);
    }
}
