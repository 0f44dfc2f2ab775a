using System.Globalization;
using System.Text;
using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;

namespace Bmcnn.Study.Csv;

/// <summary>
/// One analysis's points as CSV: the axis (<c>time</c>, the swept source, or <c>point</c> for an operating point) and
/// the chosen signals (<c>v(out)</c>, <c>i(v1)</c>), numbers in round-trip form; written atomically.
/// </summary>
public static class WaveformCsv
{
    /// <summary>The CSV text of the table's <paramref name="signals"/> (all when null).</summary>
    public static string Format(SignalTable table, IReadOnlyList<string>? signals = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var names = signals ?? table.Names;
        var columns = names.Select(table.Signal).ToList();
        var sb = new StringBuilder();
        sb.Append(table.AxisName);
        foreach (var name in names)
        {
            sb.Append(',').Append(name.ToLowerInvariant());
        }
        sb.Append('\n');
        for (var p = 0; p < table.Axis.Count; p++)
        {
            sb.Append(table.Axis[p].ToString("R", CultureInfo.InvariantCulture));
            foreach (var column in columns)
            {
                var value = column[p] == 0 ? 0 : column[p]; // no "-0"
                sb.Append(',').Append(value.ToString("R", CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes <see cref="Format"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, SignalTable table, IReadOnlyList<string>? signals = null) =>
        AtomicFile.WriteText(path, Format(table, signals));
}
