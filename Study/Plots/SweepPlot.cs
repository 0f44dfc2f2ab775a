using Bmcnn.Circuit;
using Bmcnn.Study.Statistics;
using Bmcnn.Study.Sweeps;
using ScottPlot;

namespace Bmcnn.Study.Plots;

/// <summary>
/// The sweep plot: accuracy (%) against the swept parameter, one line per mitigation with 95%-interval error bars,
/// the baseline first in the legend. Lines of different mitigations are nudged apart along x by a small fraction of
/// the range so their error bars do not hide each other.
/// </summary>
public static class SweepPlot
{
    /// <summary>Writes the PNG atomically.</summary>
    public static void Write(string path, SweepParameter parameter, IReadOnlyList<SummaryRow> summary, string? title = null,
        string? xLabel = null, int width = 900, int height = 600)
    {
        var plot = new Plot();
        var mitigations = summary.Select(s => s.Mitigation).Distinct()
            .OrderBy(m => m == "none" ? 0 : 1).ThenBy(m => m, StringComparer.Ordinal).ToArray();
        var xs = summary.Select(s => s.Value * parameter.DisplayScale).ToArray();
        var span = xs.Length == 0 ? 1 : xs.Max() - xs.Min();
        var nudge = (span > 0 ? span : 1) * 0.006;
        var palette = new ScottPlot.Palettes.Category10();
        for (int m = 0; m < mitigations.Length; m++)
        {
            var cells = summary.Where(s => s.Mitigation == mitigations[m]).OrderBy(s => s.Value).ToArray();
            var offset = (m - (mitigations.Length - 1) / 2.0) * nudge;
            var x = cells.Select(s => s.Value * parameter.DisplayScale + offset).ToArray();
            var y = cells.Select(s => 100 * s.Mean).ToArray();
            // Accuracy lives in [0, 100]: clip the interval's drawing there (the tables keep the exact interval).
            var err = cells.Select(s => double.IsNaN(s.HalfWidth) ? 0 : 100 * s.HalfWidth).ToArray();
            var up = err.Select((e, i) => Math.Min(e, 100 - y[i])).ToArray();
            var down = err.Select((e, i) => Math.Min(e, y[i])).ToArray();
            var none = new double[x.Length];
            var color = palette.GetColor(m);
            var line = plot.Add.Scatter(x, y, color);
            line.LegendText = mitigations[m] == "none" ? "none (baseline)" : mitigations[m];
            line.LineWidth = 2;
            line.MarkerSize = 7;
            var bars = new ScottPlot.Plottables.ErrorBar(x, y, none, none, up, down);
            plot.Add.Plottable(bars);
            bars.Color = color;
            bars.LineWidth = 1.5f;
            bars.CapSize = 6;
        }
        var trials = summary.Count == 0 ? 0 : summary.Min(s => s.Trials);
        var trialsMax = summary.Count == 0 ? 0 : summary.Max(s => s.Trials);
        var trialText = trials == trialsMax ? $"{trials}" : $"{trials}–{trialsMax}";
        plot.Title(title ?? $"MNIST test accuracy vs {parameter.Name} ({trialText} trials per point, error bars: 95% CI of the mean)", 15);
        plot.XLabel(xLabel ?? parameter.AxisLabel, 14);
        plot.YLabel("test accuracy (%)", 14);
        plot.ShowLegend(Alignment.LowerLeft);
        plot.Axes.Margins(0.05, 0.1);
        var pngBytes = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(pngBytes));
    }
}
