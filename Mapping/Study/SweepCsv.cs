using System.Globalization;
using Bmcnn.Circuit;
using CsvHelper;

namespace Bmcnn.Mapping.Study;

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

    private static CsvWriterOptions WriterOptions => new()
    {
        Separator = ',',
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        WriteByteOrderMark = false,
    };

    private static CsvReaderOptions ReaderOptions => new()
    {
        Separator = ',',
        DetectSeparatorHint = false,
        HasHeader = false,
        TrackLineNumbers = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Writes <paramref name="rows"/> sorted in canonical order, atomically replacing <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<SweepRow> rows)
    {
        var sorted = rows.OrderBy(r => r.Key).ToArray();
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, WriterOptions, true);
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
                    row.Accuracy.ToString("R", CultureInfo.InvariantCulture),
                    row.Seconds.ToString("R", CultureInfo.InvariantCulture),
                ]);
            }
            csv.Flush();
        });
    }

    /// <summary>Reads a sweep CSV, checking the header and every field; duplicate keys are refused.</summary>
    /// <exception cref="InvalidDataException">One-line message naming the file, line and field.</exception>
    public static IReadOnlyList<SweepRow> Read(string path)
    {
        using var csv = CsvReader.Create(File.OpenRead(path), ReaderOptions, false);
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
        var rows = new List<SweepRow>();
        var seen = new HashSet<SweepKey>();
        while (csv.Read())
        {
            var line = csv.LineNumber;
            if (csv.FieldCount != Header.Count)
            {
                throw new InvalidDataException($"{path} line {line}: {csv.FieldCount} fields, expected {Header.Count}");
            }
            var row = new SweepRow(
                Text(csv, 0, path, line),
                Number(csv, 1, path, line),
                Text(csv, 2, path, line),
                (int)Integer(csv, 3, path, line, int.MaxValue),
                Integer(csv, 4, path, line, long.MaxValue),
                Number(csv, 5, path, line),
                Number(csv, 6, path, line));
            if (row.Accuracy is < 0 or > 1)
            {
                throw new InvalidDataException($"{path} line {line}: accuracy {row.Accuracy} is not a fraction in [0, 1]");
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

    private static string Text(CsvReader csv, int index, string path, long line)
    {
        var text = csv.GetString(index) ?? "";
        if (text.Length == 0)
        {
            throw new InvalidDataException($"{path} line {line}: field '{Header[index]}' is empty");
        }
        return text;
    }

    private static double Number(CsvReader csv, int index, string path, long line)
    {
        var text = csv.GetString(index) ?? "";
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new InvalidDataException($"{path} line {line}: field '{Header[index]}' is '{text}', not a number");
        }
        return value;
    }

    private static long Integer(CsvReader csv, int index, string path, long line, long max)
    {
        var text = csv.GetString(index) ?? "";
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max)
        {
            throw new InvalidDataException($"{path} line {line}: field '{Header[index]}' is '{text}', not a non-negative integer");
        }
        return value;
    }
}
