using Bmcnn.Circuit;

namespace Bmcnn.Devices;

/// <summary>
/// A k-bit uniform ADC over [−FullScale, +FullScale]: 2^k levels including both ends; inputs beyond the range clip.
/// Zero bits means an ideal converter (the value passes unchanged).
/// </summary>
public sealed class Adc
{
    private readonly double _step;
    private readonly int _maxCode;

    /// <summary>Creates the converter.</summary>
    public Adc(int bits, double fullScale)
    {
        if (bits < 0 || bits > 24) throw new BmcnnException($"adc: bits ({bits}) must be an integer in [0, 24]");
        if (!double.IsFinite(fullScale) || fullScale <= 0) throw new BmcnnException($"adc: full scale ({fullScale}) must be positive");
        Bits = bits;
        FullScale = fullScale;
        _maxCode = bits == 0 ? 0 : (1 << bits) - 1;
        _step = bits == 0 ? 0 : 2 * fullScale / _maxCode;
    }

    /// <summary>Resolution in bits (0 = ideal).</summary>
    public int Bits { get; }

    /// <summary>Half the input range, in the input's unit (amperes).</summary>
    public double FullScale { get; }

    /// <summary>The output code in [0, 2^k − 1] for an input (for an ideal converter: 0).</summary>
    public int Code(double value)
    {
        if (Bits == 0) return 0;
        var code = Math.Round((value + FullScale) / _step, MidpointRounding.ToEven);
        return (int)Math.Clamp(code, 0, _maxCode);
    }

    /// <summary>The value the converter reports: the level of its code, or the input itself when ideal.</summary>
    public double Quantize(double value) => Bits == 0 ? value : -FullScale + Code(value) * _step;
}
