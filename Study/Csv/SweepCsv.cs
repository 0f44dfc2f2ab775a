using System.Globalization;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Study.Csv;

/// <summary>
/// Reads and writes sweep CSVs: header exactly <see cref="Header"/>, invariant culture, round-trip numbers, rows in
/// canonical order. Writes go to a temporary file in the same folder that is then renamed over the target, so a
/// crash or Ctrl-C leaves either the previous complete file or the new complete file, never half of one.
/// </summary>
public static class SweepCsv
{
    /// <summary>The exact column names, in order.</summary>
    public static IReadOnlyList<string> Header { get; } =
        ["parameter", "value", "mitigation", "trial", "seed", "accuracy", "seconds"];

    /// <summary>The header of a sweep that also recorded energy: <see cref="Header"/> plus <c>energy_j</c>.</summary>
    public static IReadOnlyList<string> EnergyHeader { get; } = [.. Header, "energy_j"];

    /// <summary>
    /// Writes <paramref name="rows"/> sorted in canonical order, atomically replacing <paramref name="path"/>; with the
    /// <c>energy_j</c> column when the rows carry energy (all of them must, or none).
    /// </summary>
    /// <exception cref="Circuit.BmcnnException">When some rows carry energy and others do not.</exception>
    public static void Write(string path, IEnumerable<SweepRow> rows)
    {
        var all = rows.ToArray();
        var withEnergy = all.Count(r => r.EnergyJ is not null);
        if (withEnergy > 0 && withEnergy < all.Length)
        {
            throw new Circuit.BmcnnException($"{path}: {withEnergy} of {all.Length} rows have energy_j and the others do not "
                + "(a sweep with --energy needs its own CSV)");
        }
        TrialCsv.Write(path, withEnergy > 0 ? EnergyHeader : Header, all, r => r.Key, row =>
        [
            row.Parameter,
            TrialCsv.Format(row.Value),
            row.Mitigation,
            TrialCsv.Format(row.Trial),
            TrialCsv.Format(row.Seed),
            TrialCsv.Format(row.Accuracy),
            TrialCsv.Format(row.Seconds),
            .. row.EnergyJ is { } energy ? new[] { TrialCsv.Format(energy) } : [],
        ]);
    }

    /// <summary>Reads a sweep CSV (with or without <c>energy_j</c>), checking the header and every field; duplicate keys are refused.</summary>
    /// <exception cref="InvalidDataException">One-line message naming the file, line and field.</exception>
    public static IReadOnlyList<SweepRow> Read(string path)
    {
        var header = HasEnergy(path) ? EnergyHeader : Header;
        return TrialCsv.Read(path, header, fields =>
        {
            var row = new SweepRow(
                fields.Text(0),
                fields.Number(1),
                fields.Text(2),
                (int)fields.Integer(3, int.MaxValue),
                fields.Integer(4, long.MaxValue),
                fields.Number(5),
                fields.Number(6),
                header.Count > Header.Count ? fields.Number(7) : null);
            if (row.Accuracy is < 0 or > 1)
            {
                throw fields.Error($"accuracy {row.Accuracy} is not a fraction in [0, 1]");
            }
            return row;
        }, r => r.Key);
    }

    // The first line names the layout; anything else is left to the header check.
    private static bool HasEnergy(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine() == string.Join(",", EnergyHeader);
    }
}
