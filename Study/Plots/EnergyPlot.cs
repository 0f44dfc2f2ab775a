using Bmcnn.Circuit;
using Bmcnn.Study.Reproduction;
using ScottPlot;

namespace Bmcnn.Study.Plots;

/// <summary>
/// The accuracy–energy plot: accuracy (%) against energy per image (nJ, log axis), one colour per swept parameter with
/// 95%-interval error bars, the base design ringed, and the Pareto front drawn as a black step line through the points
/// no other point beats on both energy and accuracy.
/// </summary>
public static class EnergyPlot
{
    /// <summary>Writes the PNG atomically.</summary>
    public static void Write(string path, IReadOnlyList<EnergyPoint> points, string title, int width = 900, int height = 600)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var parameters = points.Select(p => p.Parameter).Distinct().ToArray();
        for (var k = 0; k < parameters.Length; k++)
        {
            var cells = points.Where(p => p.Parameter == parameters[k]).OrderBy(p => p.Value).ToArray();
            var x = cells.Select(p => LogNano(p.EnergyJ)).ToArray();
            var y = cells.Select(p => 100 * p.Accuracy).ToArray();
            var color = palette.GetColor(k);
            var scatter = plot.Add.Scatter(x, y, color);
            scatter.LegendText = $"vary {parameters[k]}";
            scatter.LineWidth = 1;
            scatter.LinePattern = LinePattern.Dotted;
            scatter.MarkerSize = 8;
            var none = new double[x.Length];
            var up = cells.Select(p => 100 * (p.High - p.Accuracy)).ToArray();
            var down = cells.Select(p => 100 * (p.Accuracy - p.Low)).ToArray();
            var bars = new ScottPlot.Plottables.ErrorBar(x, y, none, none, up, down) { Color = color, LineWidth = 1, CapSize = 4 };
            plot.Add.Plottable(bars);
        }
        var front = EnergyPoint.ParetoFront(points);
        if (front.Count > 0)
        {
            var line = plot.Add.Scatter(front.Select(p => LogNano(p.EnergyJ)).ToArray(), front.Select(p => 100 * p.Accuracy).ToArray(), Colors.Black);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2;
            line.MarkerSize = 14;
            line.MarkerShape = MarkerShape.OpenCircle;
            line.LegendText = "Pareto front";
        }
        foreach (var b in points.Where(p => p.IsBase).Take(1))
        {
            var marker = plot.Add.Marker(LogNano(b.EnergyJ), 100 * b.Accuracy, MarkerShape.OpenSquare, 18, Colors.Gray);
            marker.LegendText = "base design";
        }
        // Energies span decades (V² and 1/R), so the axis is log10 of nJ with ticks labelled in nJ.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => Math.Pow(10, v).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Title(title, 14);
        plot.XLabel("energy per image (nJ, log scale)", 14);
        plot.YLabel("test accuracy (%)", 14);
        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.Margins(0.08, 0.1);
        var pngBytes = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(pngBytes));
    }

    private static double LogNano(double joules) => Math.Log10(Math.Max(joules, 1e-30) * 1e9);
}
