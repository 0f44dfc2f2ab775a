using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;

namespace Bmcnn.Mapping.Analog;

/// <summary>
/// Energy per inference and latency of a mapped network: the array energy metered from the circuit (or behavioral)
/// solution of every read, plus the periphery's per-event energies and the read schedule of the device spec's
/// <see cref="PeripherySpec"/>. Latency per image is Σ over layers of read cycles × pulse width (layers one after
/// another, no pipelining); images per second per chip is its inverse.
/// </summary>
public sealed record EnergyReport(IReadOnlyList<LayerEnergy> Layers, double PulseSeconds)
{
    /// <summary>Mean energy per image, joules.</summary>
    public double Total => Layers.Sum(l => l.Total);

    /// <summary>Mean device dissipation per image, joules.</summary>
    public double Devices => Layers.Sum(l => l.Devices);

    /// <summary>Mean wire dissipation per image, joules.</summary>
    public double Wires => Layers.Sum(l => l.Wires);

    /// <summary>Mean driver- and sense-resistance dissipation per image, joules.</summary>
    public double Resistors => Layers.Sum(l => l.Resistors);

    /// <summary>Mean periphery energy per image, joules.</summary>
    public double Periphery => Layers.Sum(l => l.Periphery);

    /// <summary>Read cycles per image.</summary>
    public long Cycles => Layers.Sum(l => l.Cycles);

    /// <summary>Latency per image, seconds.</summary>
    public double LatencySeconds => Cycles * PulseSeconds;

    /// <summary>Images per second per chip (one image at a time).</summary>
    public double ImagesPerSecond => 1 / LatencySeconds;

    /// <summary>Builds the report from a meter filled by an evaluation of <paramref name="network"/>.</summary>
    public static EnergyReport From(MappedNetwork network, EnergyMeter meter)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(meter);
        var p = network.Spec.Periphery;
        var layers = new List<LayerEnergy>();
        foreach (var layer in network.Layers)
        {
            var images = Math.Max(meter.Images(layer.Index), 1);
            double Mean(int component) => meter.Joules(layer.Index, component) / images;
            var delivered = Mean(LayerPowerForms.Delivered);
            var devices = Mean(LayerPowerForms.Devices);
            var resistors = Mean(LayerPowerForms.Drivers) + Mean(LayerPowerForms.Terminations);
            long positions = layer.Block.Positions;
            long rowsPerRead = layer.Tiles.Sum(t => (long)t.RowCount);
            long decisions = positions * layer.Plan.Neurons;
            long comparisons = 0;
            if (layer.Block.Pool is { } pool)
            {
                var o = layer.Block.Output;
                comparisons = (long)(o.Height / pool.Size) * (o.Width / pool.Size) * o.Channels * (pool.Size * pool.Size - 1);
            }
            var digital = comparisons * p.PoolEnergy + (layer.IsOutput ? decisions * p.BatchNormEnergy : 0);
            var cycles = positions * (p.TileSchedule == TileSchedule.Parallel ? 1 : layer.Tiles.Count);
            layers.Add(new LayerEnergy(layer.Name, devices, delivered - devices - resistors, resistors,
                positions * rowsPerRead * p.DriverEnergy, layer.IsOutput ? 0 : decisions * p.SenseEnergy,
                layer.IsOutput ? decisions * p.AdcEnergy : 0, digital, cycles));
        }
        return new EnergyReport(layers, p.ReadPulseWidth);
    }
}
