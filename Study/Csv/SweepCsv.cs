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

    /// <summary>Writes <paramref name="rows"/> sorted in canonical order, atomically replacing <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<SweepRow> rows) =>
        TrialCsv.Write(path, Header, rows, r => r.Key, row =>
        [
            row.Parameter,
            TrialCsv.Format(row.Value),
            row.Mitigation,
            TrialCsv.Format(row.Trial),
            TrialCsv.Format(row.Seed),
            TrialCsv.Format(row.Accuracy),
            TrialCsv.Format(row.Seconds),
        ]);

    /// <summary>Reads a sweep CSV, checking the header and every field; duplicate keys are refused.</summary>
    /// <exception cref="InvalidDataException">One-line message naming the file, line and field.</exception>
    public static IReadOnlyList<SweepRow> Read(string path) =>
        TrialCsv.Read(path, Header, fields =>
        {
            var row = new SweepRow(
                fields.Text(0),
                fields.Number(1),
                fields.Text(2),
                (int)fields.Integer(3, int.MaxValue),
                fields.Integer(4, long.MaxValue),
                fields.Number(5),
                fields.Number(6));
            if (row.Accuracy is < 0 or > 1)
            {
                throw fields.Error($"accuracy {row.Accuracy} is not a fraction in [0, 1]");
            }
            return row;
        }, r => r.Key);
}
