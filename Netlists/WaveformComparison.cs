using System.Globalization;
using Bmcnn.Circuit.Analysis;

namespace Bmcnn.Netlists;

/// <summary>
/// Our sweep or transient result against ngspice's, at ngspice's points. Transient: each signal's largest difference
/// at ngspice's time points (ours interpolated linearly onto them) divided by the range of ngspice's signal, or by a
/// thousandth of its largest magnitude or the floor when that is larger (a nearly flat signal). DC sweep: each
/// point's difference relative to max(|ngspice value|, floor), with the operating point's floors (1 nV, 1 pA). A
/// signal one side lacks counts as infinite.
/// </summary>
public sealed class WaveformComparison
{
    private WaveformComparison(string analysis, int signals, int points, double largest, string signal, double at, double ours,
        double reference, IReadOnlyList<string> missing)
    {
        Analysis = analysis;
        SignalCount = signals;
        PointCount = points;
        LargestDifference = largest;
        Signal = signal;
        At = at;
        Ours = ours;
        Reference = reference;
        Missing = missing;
    }

    /// <summary><c>dc</c> or <c>tran</c>.</summary>
    public string Analysis { get; }

    /// <summary>Signals compared.</summary>
    public int SignalCount { get; }

    /// <summary>ngspice's points.</summary>
    public int PointCount { get; }

    /// <summary>The largest difference (relative to the range for tran, to the value for dc); infinity if a signal is missing.</summary>
    public double LargestDifference { get; }

    /// <summary>The signal where it occurs.</summary>
    public string Signal { get; }

    /// <summary>The axis value (time or swept value) where it occurs.</summary>
    public double At { get; }

    /// <summary>Our value there.</summary>
    public double Ours { get; }

    /// <summary>ngspice's value there.</summary>
    public double Reference { get; }

    /// <summary>Signals only one side has, e.g. <c>v(x) only in ngspice</c>.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Compares two tables of the same analysis.</summary>
    public static WaveformComparison Compare(SignalTable ours, SignalTable reference)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(reference);
        var missing = reference.Names.Where(n => !ours.Has(n)).Select(n => $"{n} only in ngspice")
            .Concat(ours.Names.Where(n => !reference.Has(n)).Select(n => $"{n} only in bmcnn"))
            .ToList();
        var tran = reference.Analysis == "tran";
        if (!tran && ours.Axis.Count != reference.Axis.Count)
        {
            missing.Add($"{ours.Axis.Count} sweep points in bmcnn, {reference.Axis.Count} in ngspice");
        }
        double largest = missing.Count > 0 ? double.PositiveInfinity : 0, at = double.NaN, mine = double.NaN, theirs = double.NaN;
        var worst = missing.Count > 0 ? missing[0] : "";
        var compared = 0;
        foreach (var name in reference.Names.Where(ours.Has))
        {
            compared++;
            var values = reference.Signal(name);
            var floor = name.StartsWith("i(", StringComparison.Ordinal) ? NgspiceComparison.CurrentFloor : NgspiceComparison.VoltageFloor;
            // A nearly flat signal (a memristor state below its threshold) has a range of rounding noise: the scale is at
            // least a thousandth of the signal's magnitude and the floor.
            var range = values.Max() - values.Min();
            var scale = Math.Max(range, Math.Max(1e-3 * values.Max(Math.Abs), floor));
            var own = ours.Signal(name);
            for (var p = 0; p < values.Count; p++)
            {
                var x = reference.Axis[p];
                double value;
                if (tran)
                {
                    value = ours.Interpolate(name, x);
                }
                else if (p < own.Count)
                {
                    value = own[p];
                }
                else
                {
                    continue;
                }
                var difference = Math.Abs(value - values[p]) / (tran ? scale : Math.Max(Math.Abs(values[p]), floor));
                if (difference > largest || double.IsNaN(difference))
                {
                    (largest, worst, at, mine, theirs) = (double.IsNaN(difference) ? double.PositiveInfinity : difference, name, x, value, values[p]);
                }
            }
        }
        return new WaveformComparison(reference.Analysis, compared, reference.Axis.Count, largest, worst, at, mine, theirs, missing);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Analysis}: {SignalCount} signals at {PointCount} ngspice points, largest difference {LargestDifference:E3} " +
        $"{(Analysis == "tran" ? "of the signal's range" : "relative")} at {Signal} ({(Analysis == "tran" ? "t" : "x")} = {At:G6}: " +
        $"bmcnn {Ours:G10}, ngspice {Reference:G10})");
}
