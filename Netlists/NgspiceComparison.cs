using System.Globalization;
using Bmcnn.Circuit.Analysis;

namespace Bmcnn.Netlists;

/// <summary>
/// Our operating point against ngspice's: the largest relative difference over every node voltage and source current,
/// each relative to max(|ngspice value|, floor) so that quantities that are zero in exact arithmetic (a virtual-ground
/// node, a balanced bridge) are judged by an absolute floor: <see cref="VoltageFloor"/> and <see cref="CurrentFloor"/>.
/// A quantity one side has and the other lacks counts as an infinite difference.
/// </summary>
public sealed class NgspiceComparison
{
    /// <summary>Voltages below 1 nV in magnitude are compared absolutely against 1 nV.</summary>
    public const double VoltageFloor = 1e-9;

    /// <summary>Currents below 1 pA in magnitude are compared absolutely against 1 pA.</summary>
    public const double CurrentFloor = 1e-12;

    private NgspiceComparison(int voltages, int currents, Worst voltage, Worst current, IReadOnlyList<string> missing)
    {
        VoltageCount = voltages;
        CurrentCount = currents;
        var worst = current.Difference > voltage.Difference ? current : voltage;
        LargestRelativeDifference = worst.Difference;
        Quantity = worst.Quantity;
        Ours = worst.Ours;
        Reference = worst.Reference;
        LargestVoltageDifference = voltage.Difference;
        VoltageQuantity = voltage.Quantity;
        LargestCurrentDifference = current.Difference;
        CurrentQuantity = current.Quantity;
        Missing = missing;
    }

    private readonly record struct Worst(double Difference, string Quantity, double Ours, double Reference);

    /// <summary>Number of node voltages compared.</summary>
    public int VoltageCount { get; }

    /// <summary>Number of source currents compared.</summary>
    public int CurrentCount { get; }

    /// <summary>The largest relative difference (infinity when a quantity is missing on one side).</summary>
    public double LargestRelativeDifference { get; }

    /// <summary>Which quantity it was, <c>V(node)</c> or <c>I(source)</c>; empty when nothing was compared.</summary>
    public string Quantity { get; }

    /// <summary>Our value of that quantity (NaN when we lack it).</summary>
    public double Ours { get; }

    /// <summary>ngspice's value of that quantity (NaN when ngspice lacks it).</summary>
    public double Reference { get; }

    /// <summary>The largest relative difference over node voltages alone.</summary>
    public double LargestVoltageDifference { get; }

    /// <summary>The node voltage where it occurs, <c>V(node)</c>.</summary>
    public string VoltageQuantity { get; }

    /// <summary>The largest relative difference over source currents alone (the outputs of a crossbar).</summary>
    public double LargestCurrentDifference { get; }

    /// <summary>The source current where it occurs, <c>I(source)</c>.</summary>
    public string CurrentQuantity { get; }

    /// <summary>Quantities present on only one side, e.g. <c>V(x1.m) missing in ngspice</c>.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Compares the two solutions.</summary>
    public static NgspiceComparison Compare(OperatingPoint ours, NgspiceResult reference) =>
        Compare(ours.NodeVoltages, ours.BranchCurrents, reference);

    /// <summary>Compares node voltages and branch currents (keyed as ngspice prints them) with ngspice's.</summary>
    public static NgspiceComparison Compare(
        IReadOnlyDictionary<string, double> voltages, IReadOnlyDictionary<string, double> currents, NgspiceResult reference)
    {
        ArgumentNullException.ThrowIfNull(voltages);
        ArgumentNullException.ThrowIfNull(currents);
        ArgumentNullException.ThrowIfNull(reference);
        var missing = new List<string>();

        Worst Visit(IReadOnlyDictionary<string, double> mine, IReadOnlyDictionary<string, double> theirs, string kind, double floor)
        {
            var worst = new Worst(0, "", double.NaN, double.NaN);
            foreach (var key in mine.Keys.Union(theirs.Keys).OrderBy(k => k, StringComparer.Ordinal))
            {
                var name = $"{kind}({key})";
                var hasMine = mine.TryGetValue(key, out var a);
                var hasTheirs = theirs.TryGetValue(key, out var b);
                double difference;
                if (!hasMine || !hasTheirs)
                {
                    missing.Add($"{name} missing in {(hasMine ? "ngspice" : "ours")}");
                    difference = double.PositiveInfinity;
                    a = hasMine ? a : double.NaN;
                    b = hasTheirs ? b : double.NaN;
                }
                else
                {
                    difference = Math.Abs(a - b) / Math.Max(Math.Abs(b), floor);
                    if (double.IsNaN(difference))
                    {
                        difference = double.PositiveInfinity;
                    }
                }
                if (difference > worst.Difference || worst.Quantity.Length == 0)
                {
                    worst = new Worst(difference, name, a, b);
                }
            }
            return worst;
        }

        var voltage = Visit(voltages, reference.NodeVoltages, "V", VoltageFloor);
        var current = Visit(currents, reference.BranchCurrents, "I", CurrentFloor);
        var voltageCount = voltages.Keys.Intersect(reference.NodeVoltages.Keys).Count();
        var currentCount = currents.Keys.Intersect(reference.BranchCurrents.Keys).Count();
        return new NgspiceComparison(voltageCount, currentCount, voltage, current, missing);
    }

    /// <summary>One line: the largest difference, where, and both values.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"largest relative difference {LargestRelativeDifference:E3} at {Quantity} (ours {Ours:R}, ngspice {Reference:R}) "
        + $"over {VoltageCount} node voltages and {CurrentCount} source currents");
}
