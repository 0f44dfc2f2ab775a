using MathNet.Numerics.Distributions;

namespace Bmcnn.Study.Statistics;

/// <summary>
/// The Wilson score interval of a proportion: the 95% interval of one chip's accuracy over the test images it
/// classified, for cells with a single trial (where the t interval over trials does not exist).
/// </summary>
public static class WilsonInterval
{
    /// <summary>Lower and upper ends (fractions in [0, 1]) for <paramref name="correct"/> of <paramref name="count"/> images.</summary>
    public static (double Low, double High) Of(double correct, int count)
    {
        if (count <= 0) return (0, 1);
        var z = Normal.InvCDF(0, 1, 1 - (1 - TInterval.Confidence) / 2);
        var p = correct / count;
        var z2n = z * z / count;
        var centre = (p + z2n / 2) / (1 + z2n);
        var half = z * Math.Sqrt(p * (1 - p) / count + z2n / (4 * count)) / (1 + z2n);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
