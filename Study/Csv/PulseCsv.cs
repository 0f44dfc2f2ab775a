using System.Globalization;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Study.Csv;

/// <summary>
/// The sidecar of a sweep CSV that keeps program-and-verify pulse counts: <c>FILE.pulses.csv</c> beside
/// <c>FILE.csv</c>, columns <see cref="Header"/>, one line per trial that counted pulses (the <c>verify</c>
/// mitigations), same keys and seeds as the sweep rows, canonical order, invariant culture, written atomically. The
/// sweep CSV's public columns stay as they are; the sidecar lets a resumed or merged run report pulse counts for
/// every trial, not only those run in the current invocation. It has no timing column, so it is byte-identical
/// between identical runs.
/// </summary>
public static class PulseCsv
{
    /// <summary>The exact column names, in order.</summary>
    public static IReadOnlyList<string> Header { get; } =
        ["parameter", "value", "mitigation", "trial", "seed", "extra_pulses", "devices"];

    /// <summary>The sidecar path of a sweep CSV: <c>X.csv</c> → <c>X.pulses.csv</c> (other names get <c>.pulses.csv</c> appended).</summary>
    public static string PathFor(string sweepCsv) =>
        sweepCsv.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? sweepCsv[..^4] + ".pulses.csv"
            : sweepCsv + ".pulses.csv";

    /// <summary>Writes <paramref name="rows"/> in canonical order, atomically replacing <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<PulseRow> rows) =>
        TrialCsv.Write(path, Header, rows, r => r.Key, row =>
        [
            row.Parameter,
            TrialCsv.Format(row.Value),
            row.Mitigation,
            TrialCsv.Format(row.Trial),
            TrialCsv.Format(row.Seed),
            TrialCsv.Format(row.ExtraPulses),
            TrialCsv.Format(row.Devices),
        ]);

    /// <summary>Reads a sidecar, checking the header and every field; duplicate keys are refused.</summary>
    /// <exception cref="InvalidDataException">One-line message naming the file, line and field.</exception>
    public static IReadOnlyList<PulseRow> Read(string path) =>
        TrialCsv.Read(path, Header, fields =>
        {
            var parameter = fields.Text(0);
            var mitigation = fields.Text(2);
            var row = new PulseRow(parameter, fields.Number(1), mitigation, (int)fields.Integer(3, int.MaxValue),
                fields.Integer(4, long.MaxValue), fields.Integer(5, long.MaxValue), fields.Integer(6, long.MaxValue));
            if (row.Devices == 0)
            {
                throw fields.Error("field 'devices' is 0");
            }
            return row;
        }, r => r.Key);

    /// <summary>
    /// The sidecar rows of <paramref name="sweepCsv"/> that belong to <paramref name="rows"/> (same key and seed);
    /// none when there is no sidecar. Lines of trials no longer in the sweep CSV are dropped, so a stale sidecar never
    /// leaks into a report.
    /// </summary>
    public static IReadOnlyList<PulseRow> ReadFor(string sweepCsv, IEnumerable<SweepRow> rows)
    {
        var path = PathFor(sweepCsv);
        if (!File.Exists(path))
        {
            return [];
        }
        var seeds = rows.ToDictionary(r => r.Key, r => r.Seed);
        return Read(path).Where(p => seeds.TryGetValue(p.Key, out var seed) && seed == p.Seed).ToArray();
    }

    /// <summary>Program-and-verify pulse lines per (value, mitigation), for the terminal.</summary>
    public static IEnumerable<string> Format(IEnumerable<PulseRow> rows) =>
        rows.GroupBy(p => (p.Value, p.Mitigation))
            .OrderBy(g => g.Key.Value).ThenBy(g => g.Key.Mitigation, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture,
                $"{g.Key.Mitigation} at {g.Key.Value:G6}: {g.Average(p => p.PerDevice):F3} extra programming pulses per device (mean of " +
                    $"{g.Count()} trials)"));
}
