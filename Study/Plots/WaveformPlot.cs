using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using ScottPlot;

namespace Bmcnn.Study.Plots;

/// <summary>
/// Probed signals of a transient analysis or DC sweep against its axis: voltages on the left axis, currents on the
/// right, one line each; written as PNG atomically.
/// </summary>
public static class WaveformPlot
{
    /// <summary>Writes the plot of <paramref name="signals"/> (names as in the table, e.g. <c>v(out)</c>).</summary>
    public static void Write(string path, SignalTable table, IReadOnlyList<string> signals, string? title = null, int width = 900,
        int height = 540)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(signals);
        var plot = new Plot();
        var x = table.Axis.ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        var anyCurrent = false;
        for (var k = 0; k < signals.Count; k++)
        {
            var name = signals[k];
            var line = plot.Add.ScatterLine(x, table.Signal(name).ToArray(), palette.GetColor(k));
            line.LegendText = name.ToUpperInvariant();
            line.LineWidth = 2;
            if (name.StartsWith("i(", StringComparison.OrdinalIgnoreCase))
            {
                line.Axes.YAxis = plot.Axes.Right;
                anyCurrent = true;
            }
        }
        plot.Title(title ?? $"{table.Analysis} analysis", 15);
        plot.XLabel(table.AxisName == "time" ? "time (s)" : $"{table.AxisName} (V or A)", 14);
        plot.YLabel("voltage (V)", 14);
        if (anyCurrent)
        {
            plot.Axes.Right.Label.Text = "current (A)";
        }
        plot.ShowLegend(Alignment.UpperRight);
        var png = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
