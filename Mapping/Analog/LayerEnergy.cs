namespace Bmcnn.Mapping.Analog;

/// <summary>Mean energy per image of one layer, in joules, and its read cycles per image.</summary>
/// <param name="Layer">Layer name.</param>
/// <param name="Devices">Dissipated in the memristive devices.</param>
/// <param name="Wires">Dissipated in the wire segments.</param>
/// <param name="Resistors">Dissipated in driver output and sense resistances.</param>
/// <param name="Drivers">DAC/driver energy (per driven row and read).</param>
/// <param name="Sense">Sense-amplifier decisions (hidden layers).</param>
/// <param name="Adc">ADC conversions (output layer).</param>
/// <param name="Digital">Max-pooling comparisons and the output layer's batch-norm operations.</param>
/// <param name="Cycles">Read cycles per image (input vectors, times the tiles when they are read in sequence).</param>
public sealed record LayerEnergy(string Layer, double Devices, double Wires, double Resistors, double Drivers, double Sense,
    double Adc, double Digital, long Cycles)
{
    /// <summary>Array energy: devices + wires + driver and sense resistances (what the row drivers deliver).</summary>
    public double Array => Devices + Wires + Resistors;

    /// <summary>Periphery energy: drivers, sense amplifiers, ADC and digital operations.</summary>
    public double Periphery => Drivers + Sense + Adc + Digital;

    /// <summary>Array plus periphery.</summary>
    public double Total => Array + Periphery;
}
