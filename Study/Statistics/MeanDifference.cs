namespace Bmcnn.Study.Statistics;

/// <summary>The difference of two mean accuracies with its 95% interval: paired by trial, or Welch's.</summary>
public static class MeanDifference
{
    /// <summary>Mean of the differences a[i] − b[i] with its 95% t interval (n − 1 degrees of freedom); n ≥ 2.</summary>
    public static (double Difference, double Low, double High) Paired(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count || a.Count < 2)
        {
            throw new ArgumentException("paired difference needs two equally long lists of at least two values");
        }
        var d = a.Zip(b, (x, y) => x - y).ToArray();
        var summary = SweepSummary.Of("", 0, "", d);
        return summary.StandardDeviation == 0 ? (summary.Mean, summary.Mean, summary.Mean) : (summary.Mean, summary.Low, summary.High);
    }

    /// <summary>Mean difference a − b with its 95% Welch interval (NaN bounds when either side has one trial).</summary>
    public static (double Difference, double Low, double High) Welch(SummaryRow a, SummaryRow b)
    {
        var diff = a.Mean - b.Mean;
        if (a.Trials < 2 || b.Trials < 2)
        {
            return (diff, double.NaN, double.NaN);
        }
        var va = a.StandardDeviation * a.StandardDeviation / a.Trials;
        var vb = b.StandardDeviation * b.StandardDeviation / b.Trials;
        var se = Math.Sqrt(va + vb);
        if (se == 0)
        {
            return (diff, diff, diff);
        }
        var df = (va + vb) * (va + vb) / (va * va / (a.Trials - 1) + vb * vb / (b.Trials - 1));
        var t = TInterval.Quantile(df);
        return (diff, diff - t * se, diff + t * se);
    }
}
