namespace Bmcnn.Devices;

/// <summary>
/// Signed N-bit fixed point over the range of a set of values: the step is max|v| / (2^(N−1) − 1), so the largest
/// magnitude is representable exactly and every value is rounded to the nearest multiple of the step (ties to even).
/// Infinite values (constant neurons) pass unchanged and do not set the range. Zero bits = float (no change).
/// </summary>
public static class FixedPoint
{
    /// <summary>The step of <paramref name="bits"/>-bit signed fixed point covering ±<paramref name="range"/>.</summary>
    public static double Step(double range, int bits) => bits < 2 || !(range > 0) ? 0 : range / ((1L << (bits - 1)) - 1);

    /// <summary>Quantizes <paramref name="values"/> in place over ± their largest finite magnitude.</summary>
    public static void Quantize(Span<double> values, int bits)
    {
        if (bits == 0) return;
        var range = 0.0;
        foreach (var v in values)
        {
            if (double.IsFinite(v)) range = Math.Max(range, Math.Abs(v));
        }
        var step = Step(range, bits);
        if (step == 0) return;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsFinite(values[i])) values[i] = Math.Round(values[i] / step, MidpointRounding.ToEven) * step;
        }
    }
}
