using System.Globalization;
using System.Text;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Study.Statistics;

/// <summary>Per (value, mitigation) statistics of a sweep: mean, sample standard deviation, 95% t-interval.</summary>
public static class SweepSummary
{
    /// <summary>Groups rows by (parameter, value, mitigation) in canonical order and computes their statistics.</summary>
    public static IReadOnlyList<SummaryRow> Compute(IEnumerable<SweepRow> rows) =>
        rows.GroupBy(r => (r.Parameter, r.Value, r.Mitigation))
            .Select(g => Of(g.Key.Parameter, g.Key.Value, g.Key.Mitigation, g.Select(r => r.Accuracy).ToArray()))
            .OrderBy(s => new SweepKey(s.Parameter, s.Value, s.Mitigation, 0))
            .ToArray();

    /// <summary>Statistics of one set of accuracies.</summary>
    public static SummaryRow Of(string parameter, double value, string mitigation, IReadOnlyList<double> accuracies)
    {
        var n = accuracies.Count;
        if (n == 0)
        {
            throw new ArgumentException("no trials to summarize", nameof(accuracies));
        }
        var mean = accuracies.Sum() / n;
        if (n == 1)
        {
            return new SummaryRow(parameter, value, mitigation, 1, mean, double.NaN, double.NaN);
        }
        var sumSquares = 0.0;
        foreach (var a in accuracies)
        {
            sumSquares += (a - mean) * (a - mean);
        }
        var std = Math.Sqrt(sumSquares / (n - 1));
        return new SummaryRow(parameter, value, mitigation, n, mean, std, TInterval.HalfWidth(std, n));
    }

    /// <summary>A fixed-width text table in percent, for the terminal.</summary>
    public static string FormatTable(IReadOnlyList<SummaryRow> summary)
    {
        var sb = new StringBuilder();
        var mitigationWidth = Math.Max(10, summary.Count == 0 ? 0 : summary.Max(s => s.Mitigation.Length));
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{"parameter",-12} {"value",10} {"mitigation".PadRight(mitigationWidth)} {"trials",6} {"mean %",8} {"std %",7} {"95% interval %",17}"));
        foreach (var s in summary)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Parameter,-12} {s.Value,10:G6} {s.Mitigation.PadRight(mitigationWidth)} {s.Trials,6} {100 * s.Mean,8:F2} " +
                    $"{Percent(s.StandardDeviation),7} {Interval(s),17}"));
        }
        return sb.ToString();
    }

    /// <summary>
    /// An accuracy's interval as "[low, high]" in percent, clipped to [0, 100] (an accuracy cannot leave it), or "n/a"
    /// for a single trial.
    /// </summary>
    public static string Interval(SummaryRow s) =>
        double.IsNaN(s.HalfWidth)
            ? "n/a"
            : string.Create(CultureInfo.InvariantCulture, $"[{100 * Math.Max(0, s.Low):F2}, {100 * Math.Min(1, s.High):F2}]");

    /// <summary>A fraction as a percent with two decimals, or "n/a" for NaN.</summary>
    public static string Percent(double fraction) =>
        double.IsNaN(fraction) ? "n/a" : (100 * fraction).ToString("F2", CultureInfo.InvariantCulture);
}
