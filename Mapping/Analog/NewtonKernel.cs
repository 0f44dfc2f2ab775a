using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Mapping.Analog;

/// <summary>
/// Circuit mode for nonlinear devices: each input vector drives every tile of the layer as a circuit solved by Newton
/// (the engine's DC operating point); a neuron's current is the sum of its row tiles' combined column currents.
/// Exact and slow: hundreds of sparse solves per image on the larger layers.
/// </summary>
public sealed class NewtonKernel : IWeightedSum
{
    private readonly MappedLayer _layer;
    private readonly DeviceSpec _spec;
    private readonly NeuronPeriphery _periphery;
    private readonly EnergyMeter? _meter;

    /// <summary>Creates the kernel; with a <paramref name="meter"/>, the power of every solved read is metered.</summary>
    public NewtonKernel(MappedLayer layer, DeviceSpec spec, EnergyMeter? meter = null)
    {
        _meter = meter;
        _layer = layer ?? throw new ArgumentNullException(nameof(layer));
        _spec = spec ?? throw new ArgumentNullException(nameof(spec));
        _periphery = new NeuronPeriphery(layer);
        Layer = layer.Block.Weighted;
    }

    /// <inheritdoc />
    public WeightedLayer Layer { get; }

    /// <inheritdoc />
    public void Compute(float[] inputs, int count, float[] outputs)
    {
        int rows = Layer.Rows, neurons = Layer.Columns;
        Array.Clear(outputs, 0, count * neurons);
        var currents = new double[neurons];
        var power = _meter is null ? null : new double[count * LayerPowerForms.Components];
        for (var v = 0; v < count; v++)
        {
            var read = power is null ? default : power.AsSpan(v * LayerPowerForms.Components, LayerPowerForms.Components);
            NeuronCurrents(_layer, _spec, inputs.AsSpan(v * rows, rows), currents, read);
            for (var n = 0; n < neurons; n++)
            {
                outputs[v * neurons + n] = (float)(currents[n] / _layer.UnitCurrent);
            }
        }
        if (power is not null) _meter!.Add(_layer.Index, power, count, _layer.Block.Positions);
        _periphery.Apply(outputs, count);
    }

    /// <summary>
    /// Solves every tile of the layer for one input vector (input units: pixel level or ±1; volts = v_read × input)
    /// and writes each neuron's summed current in amperes; when <paramref name="power"/> is not empty, adds the read's
    /// power components (<see cref="LayerPowerForms"/> order, watts) from the Newton solution.
    /// </summary>
    public static void NeuronCurrents(MappedLayer layer, DeviceSpec spec, ReadOnlySpan<float> input, Span<double> currents,
        Span<double> power = default)
    {
        ArgumentNullException.ThrowIfNull(layer);
        currents.Clear();
        foreach (var tile in layer.Tiles)
        {
            var volts = new double[tile.RowCount];
            for (var i = 0; i < volts.Length; i++)
            {
                volts[i] = spec.VRead * input[tile.RowStart + i];
            }
            var crossbar = TileCircuit.Build(tile, spec, volts);
            var op = crossbar.Solve();
            var column = crossbar.ColumnCurrents(op);
            if (!power.IsEmpty)
            {
                var p = crossbar.Power(op);
                power[LayerPowerForms.Delivered] += p.Delivered;
                power[LayerPowerForms.Devices] += p.Devices;
                power[LayerPowerForms.Drivers] += p.Drivers;
                power[LayerPowerForms.Terminations] += p.Terminations;
            }
            for (var j = 0; j < tile.NeuronCount; j++)
            {
                currents[tile.NeuronStart + j] += column[tile.PlusColumn(j)] - tile.MinusScale * column[tile.MinusColumn(j)];
            }
        }
    }
}
