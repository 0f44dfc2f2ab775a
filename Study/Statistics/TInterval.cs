using MathNet.Numerics.Distributions;

namespace Bmcnn.Study.Statistics;

/// <summary>
/// The two-sided 95% confidence interval of a mean from Student's t distribution: the one place every accuracy
/// interval, trial summary and mitigation difference in the study takes its quantile from.
/// </summary>
public static class TInterval
{
    /// <summary>Confidence level of every interval the study reports.</summary>
    public const double Confidence = 0.95;

    /// <summary>The t quantile for <paramref name="degreesOfFreedom"/> (may be fractional, as Welch's is).</summary>
    public static double Quantile(double degreesOfFreedom) => StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - (1 - Confidence) / 2);

    /// <summary>Half-width t·s/√n of the interval of a mean of <paramref name="n"/> ≥ 2 samples with sample std s.</summary>
    public static double HalfWidth(double standardDeviation, int n) => Quantile(n - 1) * standardDeviation / Math.Sqrt(n);
}
