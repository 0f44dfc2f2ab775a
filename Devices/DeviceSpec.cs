using System.Globalization;
using System.Text.Json.Serialization;
using Bmcnn.Circuit;

namespace Bmcnn.Devices;

/// <summary>
/// Everything the hardware model needs to know about the memristors, the crossbar wires and the read periphery.
/// Immutable; change fields with <c>with</c>. Loaded from JSON by <see cref="DeviceSpecFile"/>, starting from the
/// named presets in <see cref="DevicePresets"/>; <see cref="Validate"/> refuses impossible values with a one-line
/// message naming the field (JSON spelling).
/// </summary>
public sealed record DeviceSpec
{
    /// <summary>Preset or file the spec came from (informational).</summary>
    public string Name { get; init; } = "custom";

    /// <summary>Nominal low (ON) resistance in ohms (default: the <c>rram</c> preset's).</summary>
    public double ROn { get; init; } = 10e3;

    /// <summary>Nominal high (OFF) resistance in ohms (default: the <c>rram</c> preset's).</summary>
    public double ROff { get; init; } = 100e3;

    /// <summary>Device-to-device σ of ON devices: the coefficient of variation of what the law spreads (0 = ideal).</summary>
    public double SigmaOn { get; init; }

    /// <summary>Device-to-device σ of OFF devices: the coefficient of variation of what the law spreads (0 = ideal).</summary>
    public double SigmaOff { get; init; }

    /// <summary>Law of the device-to-device spread (default lognormal R; see <see cref="VariationDistribution"/>).</summary>
    public VariationDistribution Distribution { get; init; } = VariationDistribution.Lognormal;

    /// <summary>
    /// CSV of measured resistances per state for the <c>empirical</c> law (see <see cref="EmpiricalResistances"/>);
    /// null = the shipped synthetic example. Ignored by the other laws. A relative path in a spec file is resolved
    /// against the spec file's folder.
    /// </summary>
    public string? EmpiricalFile { get; init; }

    /// <summary>Fraction of devices stuck in the ON state whatever they were programmed to.</summary>
    public double StuckOn { get; init; }

    /// <summary>Fraction of devices stuck in the OFF state whatever they were programmed to.</summary>
    public double StuckOff { get; init; }

    /// <summary>Relative σ of the cycle-to-cycle conductance noise of every read (0 = none).</summary>
    public double ReadNoiseSigma { get; init; }

    /// <summary>Read I–V law.</summary>
    public Nonlinearity Nonlinearity { get; init; } = Nonlinearity.Ohmic;

    /// <summary>Voltage scale V0 of the sinh law in volts (used when <see cref="Nonlinearity"/> is sinh).</summary>
    public double V0 { get; init; } = 0.25;

    /// <summary>Read voltage in volts: a row carrying +1 is driven at +v_read, −1 at −v_read, a pixel p at p·v_read.</summary>
    [JsonPropertyName("vRead")]
    public double VRead { get; init; } = 0.2;

    /// <summary>Row wire resistance per segment (between adjacent cells) in ohms; 0 = ideal wire (merged nodes).</summary>
    public double RWireRow { get; init; }

    /// <summary>Column wire resistance per segment in ohms; 0 = ideal wire (merged nodes).</summary>
    public double RWireColumn { get; init; }

    /// <summary>Output resistance of each row driver in ohms; 0 = ideal source.</summary>
    public double RDriver { get; init; }

    /// <summary>How columns are read.</summary>
    public Termination Termination { get; init; } = Termination.VirtualGround;

    /// <summary>Sense resistance in ohms (used when <see cref="Termination"/> is sense-resistor).</summary>
    public double RSense { get; init; } = 10;

    /// <summary>Input-referred σ of each comparator's offset, in amperes (0 = ideal comparator).</summary>
    public double OffsetSigma { get; init; }

    /// <summary>Bits of the ADC that digitises the last layer's currents; 0 = ideal (no quantisation).</summary>
    public int AdcBits { get; init; }

    /// <summary>Bits of the DAC that drives first-layer pixel voltages; 0 = ideal analog pixel voltages.</summary>
    public int DacBits { get; init; }

    /// <summary>How signed weights are stored.</summary>
    public WeightScheme Scheme { get; init; } = WeightScheme.Differential;

    /// <summary>
    /// Bits of each sense amplifier's reference current, signed fixed point over ± the largest reference magnitude
    /// of its layer; 0 = exact (float) references.
    /// </summary>
    public int ThresholdBits { get; init; }

    /// <summary>
    /// Bits of the output layer's digital batch-norm (its scale and shift per class, each signed fixed point over
    /// ± its largest magnitude); 0 = float.
    /// </summary>
    public int OutputBits { get; init; }

    /// <summary>Devices in parallel per stored weight (k-fold redundancy).</summary>
    public int Redundancy { get; init; } = 1;

    /// <summary>Physical rows per crossbar tile.</summary>
    public int TileRows { get; init; } = 128;

    /// <summary>Physical columns per crossbar tile.</summary>
    public int TileColumns { get; init; } = 128;

    /// <summary>Energy and timing of the read periphery (used by energy reports only).</summary>
    public PeripherySpec Periphery { get; init; } = new();

    /// <summary>Nominal ON conductance of one device in siemens.</summary>
    [JsonIgnore]
    public double GOn => 1 / ROn;

    /// <summary>Nominal OFF conductance of one device in siemens.</summary>
    [JsonIgnore]
    public double GOff => 1 / ROff;

    /// <summary>Returns this spec unchanged, or throws a <see cref="BmcnnException"/> naming the first bad field.</summary>
    public DeviceSpec Validate()
    {
        Positive("rOn", ROn);
        Positive("rOff", ROff);
        if (!(ROff > ROn))
        {
            throw Error("rOff", ROff, $"must be greater than rOn ({Format(ROn)})");
        }
        NonNegative("sigmaOn", SigmaOn);
        NonNegative("sigmaOff", SigmaOff);
        Fraction("stuckOn", StuckOn);
        Fraction("stuckOff", StuckOff);
        if (StuckOn + StuckOff > 1)
        {
            throw Error("stuckOff", StuckOff, $"plus stuckOn ({Format(StuckOn)}) must not exceed 1");
        }
        NonNegative("readNoiseSigma", ReadNoiseSigma);
        Positive("v0", V0);
        Positive("vRead", VRead);
        NonNegative("rWireRow", RWireRow);
        NonNegative("rWireColumn", RWireColumn);
        NonNegative("rDriver", RDriver);
        if (Termination == Termination.SenseResistor)
        {
            Positive("rSense", RSense);
        }
        else
        {
            NonNegative("rSense", RSense);
        }
        NonNegative("offsetSigma", OffsetSigma);
        Range("adcBits", AdcBits, 0, 24);
        Range("dacBits", DacBits, 0, 24);
        FixedPointBits("thresholdBits", ThresholdBits);
        FixedPointBits("outputBits", OutputBits);
        Range("redundancy", Redundancy, 1, 64);
        Range("tileRows", TileRows, 1, 1 << 16);
        // Both schemes need two physical columns at least: a pair, or a neuron and the reference.
        Range("tileColumns", TileColumns, 2, 1 << 16);
        if (!Enum.IsDefined(Distribution)) throw Error("distribution", (int)Distribution, "is not a known distribution");
        if (Distribution == VariationDistribution.Empirical)
        {
            if (EmpiricalFile is { } file && string.IsNullOrWhiteSpace(file)) throw new BmcnnException("device spec: field 'empiricalFile' is empty");
            var data = EmpiricalResistances.Load(EmpiricalFile);
            data.Shape(true, SigmaOn);
            data.Shape(false, SigmaOff);
        }
        if (!Enum.IsDefined(Nonlinearity)) throw Error("nonlinearity", (int)Nonlinearity, "is not a known law");
        if (!Enum.IsDefined(Termination)) throw Error("termination", (int)Termination, "is not a known termination");
        if (!Enum.IsDefined(Scheme)) throw Error("scheme", (int)Scheme, "is not a known scheme");
        (Periphery ?? throw new BmcnnException("device spec: field 'periphery' must be an object")).Validate();
        return this;
    }

    /// <summary>A one-line human summary, e.g. for reports.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: R_ON {ROn:G6} Ω, R_OFF {ROff:G6} Ω, σ_on {SigmaOn:G4}, σ_off {SigmaOff:G4} ({Distribution}), stuck on/off " +
            $"{StuckOn:G4}/{StuckOff:G4}, " +
        $"v_read {VRead:G4} V, wires {RWireRow:G4}/{RWireColumn:G4} Ω, {Scheme}, K={Redundancy}, tile {TileRows}x{TileColumns}");

    private static void Positive(string field, double value)
    {
        if (!double.IsFinite(value) || value <= 0) throw Error(field, value, "must be a positive number");
    }

    private static void NonNegative(string field, double value)
    {
        if (!double.IsFinite(value) || value < 0) throw Error(field, value, "must be zero or positive");
    }

    private static void Fraction(string field, double value)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1) throw Error(field, value, "must be a fraction in [0, 1]");
    }

    private static void Range(string field, int value, int min, int max)
    {
        if (value < min || value > max) throw Error(field, value, $"must be an integer in [{min}, {max}]");
    }

    private static void FixedPointBits(string field, int value)
    {
        // One signed bit holds only the sign: no magnitude to place a reference or a scale.
        if (value != 0 && (value < 2 || value > 24)) throw Error(field, value, "must be 0 (float) or an integer in [2, 24]");
    }

    private static BmcnnException Error(string field, double value, string rule) =>
        new($"device spec: field '{field}' ({Format(value)}) {rule}");

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
