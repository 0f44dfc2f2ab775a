namespace Bmcnn.Devices.Programming;

/// <summary>Final resistances of the devices programmed to one state.</summary>
/// <param name="Devices">Devices with this target.</param>
/// <param name="Target">Target resistance, ohms.</param>
/// <param name="Mean">Mean resistance, ohms.</param>
/// <param name="Cv">Coefficient of variation (population σ over mean).</param>
/// <param name="Min">Smallest resistance, ohms.</param>
/// <param name="Max">Largest resistance, ohms.</param>
/// <param name="WithinTolerance">Devices whose own resistance ends within ±tolerance of the target.</param>
public sealed record StateStatistics(int Devices, double Target, double Mean, double Cv, double Min, double Max, int WithinTolerance)
{
    /// <summary>Statistics of <paramref name="values"/> (may be empty).</summary>
    public static StateStatistics Of(IReadOnlyList<double> values, double target, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return new StateStatistics(0, target, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        var within = values.Count(v => Math.Abs(v / target - 1) <= tolerance);
        return new StateStatistics(values.Count, target, mean, Math.Sqrt(variance) / mean, values.Min(), values.Max(), within);
    }
}
