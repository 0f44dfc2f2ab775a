using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using ScottPlot;

namespace Bmcnn.Study.Plots;

/// <summary>
/// Probed signals of a transient analysis or DC sweep against its axis: voltages on the left axis, currents on the
/// right, one line each; or, as an x–y plot, every other probe against the first (a memristor's pinched hysteresis
/// loop: current against voltage). Written as PNG atomically.
/// </summary>
public static class WaveformPlot
{
    /// <summary>Writes the plot of <paramref name="signals"/> (names as in the table, e.g. <c>v(out)</c>).</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="table">The analysis's points.</param>
    /// <param name="signals">The probes to draw.</param>
    /// <param name="title">The title (default: the analysis).</param>
    /// <param name="xy">Draw every other probe against the first instead of against the axis.</param>
    public static void Write(string path, SignalTable table, IReadOnlyList<string> signals, string? title = null, bool xy = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(signals);
        if (xy && signals.Count < 2)
        {
            throw new BmcnnException("an x-y plot needs two probes: the x signal first, e.g. V(a),I(V1)");
        }
        var plot = new Plot();
        var x = xy ? table.Signal(signals[0]).ToArray() : table.Axis.ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        var anyCurrent = false;
        for (var k = xy ? 1 : 0; k < signals.Count; k++)
        {
            var name = signals[k];
            var line = plot.Add.ScatterLine(x, table.Signal(name).ToArray(), palette.GetColor(k));
            line.LegendText = name.ToUpperInvariant();
            line.LineWidth = 2;
            if (name.StartsWith("i(", StringComparison.OrdinalIgnoreCase))
            {
                anyCurrent = true;
                if (!xy)
                {
                    line.Axes.YAxis = plot.Axes.Right;
                }
            }
        }
        var heading = title ?? $"{table.Analysis} analysis";
        plot.Title(heading.Length > 90 ? heading[..87] + "..." : heading, 14);
        plot.XLabel(xy ? signals[0].ToUpperInvariant() : table.AxisName == "time" ? "time (s)" : $"{table.AxisName} (V or A)", 14);
        plot.YLabel(xy && anyCurrent ? "current (A)" : "voltage (V)", 14);
        if (anyCurrent && !xy)
        {
            plot.Axes.Right.Label.Text = "current (A)";
        }
        plot.ShowLegend(Alignment.UpperRight);
        var png = plot.GetImageBytes(900, 540, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
