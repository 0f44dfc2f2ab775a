using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Devices;

namespace Bmcnn.Study.Sweeps;

/// <summary>
/// One device or circuit quantity a sweep varies: its command-line name, what it means, and how a plot labels it.
/// Values are stored in SI units (ohms, amperes) or as plain fractions; <see cref="DisplayScale"/> turns them into the
/// unit printed on a plot axis (for example amperes into microamperes).
/// </summary>
public sealed class SweepParameter
{
    private SweepParameter(string name, string axisLabel, double displayScale, double minimum, double maximum,
        Func<DeviceSpec, double, DeviceSpec> apply, bool minimumExclusive = false, bool integer = false)
    {
        Integer = integer;
        _apply = apply;
        MinimumExclusive = minimumExclusive;
        Name = name;
        AxisLabel = axisLabel;
        DisplayScale = displayScale;
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>Relative σ of R_ON and R_OFF together (device-to-device variation).</summary>
    public static SweepParameter Sigma { get; } =
        new("sigma", "σ of R_ON and R_OFF (relative to nominal, σ/R)", 1, 0, double.PositiveInfinity,
            (spec, v) => spec with { SigmaOn = v, SigmaOff = v });

    /// <summary>Relative σ of R_ON alone.</summary>
    public static SweepParameter SigmaOn { get; } =
        new("sigma-on", "σ of R_ON (relative to nominal, σ/R_ON)", 1, 0, double.PositiveInfinity,
            (spec, v) => spec with { SigmaOn = v });

    /// <summary>Relative σ of R_OFF alone.</summary>
    public static SweepParameter SigmaOff { get; } =
        new("sigma-off", "σ of R_OFF (relative to nominal, σ/R_OFF)", 1, 0, double.PositiveInfinity,
            (spec, v) => spec with { SigmaOff = v });

    /// <summary>Wire resistance per row/column segment, in ohms.</summary>
    public static SweepParameter WireResistance { get; } =
        new("r-wire", "wire resistance per segment (Ω)", 1, 0, double.PositiveInfinity,
            (spec, v) => spec with { RWireRow = v, RWireColumn = v });

    /// <summary>Fraction of devices stuck, split evenly between stuck-at-ON and stuck-at-OFF.</summary>
    public static SweepParameter Stuck { get; } =
        new("stuck", "stuck-at devices (% of all devices, half ON, half OFF)", 100, 0, 1,
            (spec, v) => spec with { StuckOn = v / 2, StuckOff = v / 2 });

    /// <summary>Input-referred offset σ of every sense amplifier, in amperes.</summary>
    public static SweepParameter OffsetSigma { get; } =
        new("offset-sigma", "sense-amplifier offset σ (µA)", 1e6, 0, double.PositiveInfinity,
            (spec, v) => spec with { OffsetSigma = v });

    /// <summary>R_OFF/R_ON ratio, R_ON held at its nominal value.</summary>
    public static SweepParameter ResistanceRatio { get; } =
        new("r-ratio", "R_OFF / R_ON (dimensionless, R_ON fixed)", 1, 1, double.PositiveInfinity,
            (spec, v) => spec with { ROff = spec.ROn * v }, minimumExclusive: true);

    /// <summary>Bits of every sense amplifier's reference (fixed point; 0 = float).</summary>
    public static SweepParameter ThresholdBits { get; } =
        new("threshold-bits", "sense-amplifier reference bits (fixed point; 0 = float)", 1, 0, 24,
            (spec, v) => spec with { ThresholdBits = (int)v }, integer: true);

    /// <summary>Bits of the output layer's digital batch-norm (fixed point; 0 = float).</summary>
    public static SweepParameter OutputBits { get; } =
        new("output-bits", "output batch-norm bits (fixed point; 0 = float)", 1, 0, 24,
            (spec, v) => spec with { OutputBits = (int)v }, integer: true);

    /// <summary>Square tile size: rows and columns per crossbar tile.</summary>
    public static SweepParameter Tile { get; } =
        new("tile", "tile size (rows = columns)", 1, 2, 65536,
            (spec, v) => spec with { TileRows = (int)v, TileColumns = (int)v }, integer: true);

    /// <summary>Factor on R_ON and R_OFF together (the on/off ratio stays).</summary>
    public static SweepParameter ResistanceScale { get; } =
        new("r-scale", "device resistance scale (R_ON and R_OFF × factor, same on/off ratio)", 1, 0, double.PositiveInfinity,
            (spec, v) => spec with { ROn = spec.ROn * v, ROff = spec.ROff * v }, minimumExclusive: true);

    /// <summary>
    /// Read voltage of every row driver, in volts. Array power goes as V²; with ohmic devices the sense references scale
    /// with it, so accuracy moves only through absolute offsets, read noise or a nonlinear device law.
    /// </summary>
    public static SweepParameter ReadVoltage { get; } =
        new("v-read", "read voltage (mV)", 1e3, 0, double.PositiveInfinity,
            (spec, v) => spec with { VRead = v }, minimumExclusive: true);

    private readonly Func<DeviceSpec, double, DeviceSpec> _apply;

    /// <summary>Every parameter, in the order the command line lists them.</summary>
    public static IReadOnlyList<SweepParameter> All { get; } =
        [Sigma, SigmaOn, SigmaOff, WireResistance, Stuck, OffsetSigma, ResistanceRatio, ThresholdBits, OutputBits, Tile, ResistanceScale,
            ReadVoltage];

    /// <summary>The command-line name, also the CSV <c>parameter</c> column.</summary>
    public string Name { get; }

    /// <summary>The plot axis label, with its unit.</summary>
    public string AxisLabel { get; }

    /// <summary>Factor from the stored value to the plotted value.</summary>
    public double DisplayScale { get; }

    /// <summary>Smallest meaningful value (inclusive).</summary>
    public double Minimum { get; }

    /// <summary>True when only whole numbers are meaningful (bits, tile sizes).</summary>
    public bool Integer { get; }

    /// <summary>True when <see cref="Minimum"/> itself is not allowed (R_OFF/R_ON = 1 stores nothing).</summary>
    public bool MinimumExclusive { get; }

    /// <summary>
    /// The device spec with this parameter set to <paramref name="value"/>: σ sets the relative σ of R_ON and/or
    /// R_OFF, <c>r-wire</c> both row and column segments, <c>stuck</c> half of the fraction stuck-ON and half
    /// stuck-OFF, <c>offset-sigma</c> the comparator offset σ, <c>r-ratio</c> R_OFF = ratio·R_ON, <c>threshold-bits</c>
    /// and <c>output-bits</c> the periphery's fixed point, <c>tile</c> rows and columns per tile, <c>r-scale</c> R_ON
    /// and R_OFF times the factor, <c>v-read</c> the read voltage. Validated.
    /// </summary>
    public DeviceSpec ApplyTo(DeviceSpec spec, double value) => _apply(spec, value).Validate();

    /// <summary>Largest meaningful value (inclusive for fractions; infinity when unbounded).</summary>
    public double Maximum { get; }

    /// <summary>Finds a parameter by its command-line name.</summary>
    /// <exception cref="BmcnnException">The name is not one of <see cref="All"/>.</exception>
    public static SweepParameter Parse(string name)
    {
        foreach (var parameter in All)
        {
            if (parameter.Name == name.Trim())
            {
                return parameter;
            }
        }
        throw new BmcnnException(
            $"--vary: unknown parameter '{name}' (expected {string.Join("|", All.Select(p => p.Name))})");
    }

    /// <summary>
    /// Parses a value list: comma-separated numbers and/or ranges <c>start:step:stop</c> (stop included), returned
    /// sorted ascending without duplicates, each checked against this parameter's range.
    /// </summary>
    /// <exception cref="BmcnnException">A number is malformed, out of range, or the list is empty.</exception>
    public IReadOnlyList<double> ParseValues(string text)
    {
        var values = new SortedSet<double>();
        foreach (var rawItem in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = rawItem.Split(':');
            if (parts.Length == 1)
            {
                values.Add(ParseNumber(parts[0], rawItem));
            }
            else if (parts.Length == 3)
            {
                var start = ParseNumber(parts[0], rawItem);
                var step = ParseNumber(parts[1], rawItem);
                var stop = ParseNumber(parts[2], rawItem);
                if (step <= 0 || stop < start)
                {
                    throw new BmcnnException($"--values: range '{rawItem}' needs start <= stop and a positive step");
                }
                var count = (long)Math.Floor((stop - start) / step + 1e-9) + 1;
                if (count > 10_000)
                {
                    throw new BmcnnException($"--values: range '{rawItem}' has {count} values (at most 10000)");
                }
                for (long i = 0; i < count; i++)
                {
                    // Rounding keeps 0.1-steps from printing as 0.30000000000000004 in the CSV.
                    values.Add(Math.Round(start + i * step, 12));
                }
            }
            else
            {
                throw new BmcnnException($"--values: '{rawItem}' is neither a number nor a range start:step:stop");
            }
        }
        if (values.Count == 0)
        {
            throw new BmcnnException("--values: the list is empty");
        }
        foreach (var value in values)
        {
            if (Integer && value != Math.Floor(value))
            {
                throw new BmcnnException($"--values: {value.ToString("R", CultureInfo.InvariantCulture)} is not a whole number ({Name})");
            }
            if (value < Minimum || value > Maximum || (MinimumExclusive && value == Minimum))
            {
                throw new BmcnnException(
                    $"--values: {value.ToString("R", CultureInfo.InvariantCulture)} is outside the range of {Name} " +
                    $"{(MinimumExclusive ? "(" : "[")}{Minimum.ToString(CultureInfo.InvariantCulture)}, " +
                        $"{Maximum.ToString(CultureInfo.InvariantCulture)}]");
            }
        }
        return values.ToArray();
    }

    private static double ParseNumber(string text, string item)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new BmcnnException($"--values: '{item}' is not a number");
        }
        return value;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
