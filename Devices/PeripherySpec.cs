using System.Globalization;
using Bmcnn.Circuit;

namespace Bmcnn.Devices;

/// <summary>
/// Energy and timing of the read periphery, the <c>periphery</c> section of a device spec. The array's own
/// dissipation comes from the circuit solution; these are the per-event energies of everything around it.
/// Defaults and their sources are listed in docs/energy.md; values marked there as assumptions have no single source.
/// </summary>
public sealed record PeripherySpec
{
    /// <summary>Read pulse width in seconds: how long the rows are driven per read (DNN_NeuroSim Param.cpp: 10 ns).</summary>
    public double ReadPulseWidth { get; init; } = 10e-9;

    /// <summary>DAC/driver energy per driven row per read, in joules (assumption: 50 fJ).</summary>
    public double DriverEnergy { get; init; } = 50e-15;

    /// <summary>Sense-amplifier (comparator) energy per decision of a hidden neuron, in joules (assumption: 10 fJ).</summary>
    public double SenseEnergy { get; init; } = 10e-15;

    /// <summary>ADC energy per conversion of an output-layer current, in joules (8 bits at a Walden figure of merit of
    /// 10 fJ per conversion step: 2.56 pJ).</summary>
    public double AdcEnergy { get; init; } = 2.56e-12;

    /// <summary>Digital energy per max-pooling comparison, in joules (Horowitz, ISSCC 2014, 45 nm 8-bit add: 0.03 pJ).</summary>
    public double PoolEnergy { get; init; } = 0.03e-12;

    /// <summary>Digital energy per output-layer batch-norm operation (one multiply and one add, 32-bit float), in joules
    /// (Horowitz, ISSCC 2014, 45 nm: 3.7 pJ + 0.9 pJ).</summary>
    public double BatchNormEnergy { get; init; } = 4.6e-12;

    /// <summary>Whether a layer's tiles are read in the same cycle or one after another.</summary>
    public TileSchedule TileSchedule { get; init; } = TileSchedule.Parallel;

    /// <summary>Throws a <see cref="BmcnnException"/> naming the first impossible field (as <c>periphery.field</c>).</summary>
    public void Validate()
    {
        if (!double.IsFinite(ReadPulseWidth) || ReadPulseWidth <= 0)
        {
            throw Error("readPulseWidth", ReadPulseWidth, "must be a positive number of seconds");
        }
        Energy("driverEnergy", DriverEnergy);
        Energy("senseEnergy", SenseEnergy);
        Energy("adcEnergy", AdcEnergy);
        Energy("poolEnergy", PoolEnergy);
        Energy("batchNormEnergy", BatchNormEnergy);
        if (!Enum.IsDefined(TileSchedule)) throw Error("tileSchedule", (int)TileSchedule, "is not a known schedule");
    }

    private static void Energy(string field, double value)
    {
        if (!double.IsFinite(value) || value < 0) throw Error(field, value, "must be zero or a positive number of joules");
    }

    private static BmcnnException Error(string field, double value, string rule) =>
        new($"device spec: field 'periphery.{field}' ({value.ToString("G6", CultureInfo.InvariantCulture)}) {rule}");
}
