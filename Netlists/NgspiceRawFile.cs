using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;

namespace Bmcnn.Netlists;

/// <summary>
/// Reads ngspice's ASCII raw files (<c>set filetype=ascii</c>, <c>write FILE</c>): the variable list and the values
/// of every point. The first variable of a sweep or transient is its axis (time, or the swept source).
/// </summary>
public static class NgspiceRawFile
{
    /// <summary>Parses the text as the result of an analysis of kind <c>op</c>, <c>dc</c> or <c>tran</c>.</summary>
    /// <exception cref="BmcnnException">When the text is not an ASCII raw file.</exception>
    public static SignalTable Read(string text, string analysis)
    {
        var lines = text.Split('\n');
        int variables = -1, points = -1, at = 0;
        var names = new List<string>();
        for (; at < lines.Length; at++)
        {
            var line = lines[at].Trim();
            if (line.StartsWith("No. Variables:", StringComparison.Ordinal))
            {
                variables = int.Parse(line["No. Variables:".Length..], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("No. Points:", StringComparison.Ordinal))
            {
                points = int.Parse(line["No. Points:".Length..], CultureInfo.InvariantCulture);
            }
            else if (line == "Variables:")
            {
                for (var k = 0; k < variables; k++)
                {
                    var parts = lines[++at].Split('\t', StringSplitOptions.RemoveEmptyEntries);
                    names.Add(parts[1].Trim().ToLowerInvariant());
                }
            }
            else if (line == "Values:")
            {
                at++;
                break;
            }
        }
        if (variables <= 0 || points < 0 || names.Count != variables)
        {
            throw new BmcnnException("ngspice raw file: not an ASCII raw file with variables and values");
        }
        var values = new double[variables][];
        for (var k = 0; k < variables; k++)
        {
            values[k] = new double[points];
        }
        var numbers = lines.Skip(at).SelectMany(l => l.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)).ToList();
        // Each point: its index, then one value per variable.
        if (numbers.Count < points * (variables + 1))
        {
            throw new BmcnnException($"ngspice raw file: {points} points announced but the values are short");
        }
        for (var p = 0; p < points; p++)
        {
            for (var k = 0; k < variables; k++)
            {
                values[k][p] = double.Parse(numbers[p * (variables + 1) + 1 + k], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }
        if (analysis == "op")
        {
            return new SignalTable(analysis, "point", new double[points], names, values);
        }
        return new SignalTable(analysis, names[0], values[0], names.Skip(1).ToList(), values.Skip(1).ToArray());
    }

    /// <summary>The table with current names <c>i(spice name)</c> mapped back to our element names.</summary>
    public static SignalTable Rename(SignalTable table, Func<string, string> elementName)
    {
        var names = table.Names.Select(n => n.StartsWith("i(", StringComparison.Ordinal) && n.EndsWith(')')
            ? $"i({elementName(n[2..^1])})" : n).ToList();
        return new SignalTable(table.Analysis, table.AxisName, table.Axis.ToArray(), names,
            table.Names.Select(n => table.Signal(n).ToArray()).ToArray());
    }
}
