using System.Globalization;
using Bmcnn.Circuit;
using CsvHelper;

namespace Bmcnn.Mapping.Study;

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
    public static void Write(string path, IEnumerable<PulseRow> rows)
    {
        var sorted = rows.OrderBy(r => r.Key).ToArray();
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, new CsvWriterOptions
            {
                Separator = ',',
                NewLine = "\n",
                FormatProvider = CultureInfo.InvariantCulture,
                WriteByteOrderMark = false,
            }, true);
            csv.WriteRecord(Header.ToArray());
            foreach (var row in sorted)
            {
                csv.WriteRecord(
                [
                    row.Parameter,
                    row.Value.ToString("R", CultureInfo.InvariantCulture),
                    row.Mitigation,
                    row.Trial.ToString(CultureInfo.InvariantCulture),
                    row.Seed.ToString(CultureInfo.InvariantCulture),
                    row.ExtraPulses.ToString(CultureInfo.InvariantCulture),
                    row.Devices.ToString(CultureInfo.InvariantCulture),
                ]);
            }
            csv.Flush();
        });
    }

    /// <summary>Reads a sidecar, checking the header and every field; duplicate keys are refused.</summary>
    /// <exception cref="InvalidDataException">One-line message naming the file, line and field.</exception>
    public static IReadOnlyList<PulseRow> Read(string path)
    {
        using var csv = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions
        {
            Separator = ',',
            DetectSeparatorHint = false,
            HasHeader = false,
            TrackLineNumbers = true,
            FormatProvider = CultureInfo.InvariantCulture,
        }, false);
        if (!csv.Read())
        {
            throw new InvalidDataException($"{path}: empty file, expected the header {string.Join(",", Header)}");
        }
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray();
        if (!header.SequenceEqual(Header))
        {
            throw new InvalidDataException(
                $"{path} line 1: header is '{string.Join(",", header)}', expected '{string.Join(",", Header)}'");
        }
        var rows = new List<PulseRow>();
        var seen = new HashSet<SweepKey>();
        while (csv.Read())
        {
            var line = csv.LineNumber;
            if (csv.FieldCount != Header.Count)
            {
                throw new InvalidDataException($"{path} line {line}: {csv.FieldCount} fields, expected {Header.Count}");
            }
            var text = Enumerable.Range(0, Header.Count).Select(i => csv.GetString(i) ?? "").ToArray();
            if (text[0].Length == 0 || text[2].Length == 0)
            {
                throw new InvalidDataException($"{path} line {line}: field '{Header[text[0].Length == 0 ? 0 : 2]}' is empty");
            }
            if (!double.TryParse(text[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new InvalidDataException($"{path} line {line}: field 'value' is '{text[1]}', not a number");
            }
            var row = new PulseRow(text[0], value, text[2], (int)Count(text, 3, path, line, int.MaxValue), Count(text, 4, path, line, long.MaxValue),
                Count(text, 5, path, line, long.MaxValue), Count(text, 6, path, line, long.MaxValue));
            if (row.Devices == 0)
            {
                throw new InvalidDataException($"{path} line {line}: field 'devices' is 0");
            }
            if (!seen.Add(row.Key))
            {
                throw new InvalidDataException(
                    $"{path} line {line}: duplicate row for {row.Parameter}={row.Value.ToString("R", CultureInfo.InvariantCulture)} {row.Mitigation} trial {row.Trial}");
            }
            rows.Add(row);
        }
        return rows;
    }

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
                $"{g.Key.Mitigation} at {g.Key.Value:G6}: {g.Average(p => p.PerDevice):F3} extra programming pulses per device (mean of {g.Count()} trials)"));

    private static long Count(string[] text, int index, string path, long line, long max)
    {
        if (!long.TryParse(text[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max)
        {
            throw new InvalidDataException($"{path} line {line}: field '{Header[index]}' is '{text[index]}', not a non-negative integer");
        }
        return value;
    }
}
