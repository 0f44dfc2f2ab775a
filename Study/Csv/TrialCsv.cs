using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Study.Sweeps;
using CsvHelper;

namespace Bmcnn.Study.Csv;

/// <summary>
/// The layout shared by the study's per-trial CSV files (the sweep CSV and its pulse sidecar): an exact header,
/// invariant culture, "\n" line ends, no byte-order mark, rows in canonical <see cref="SweepKey"/> order, written
/// atomically; read back with the header checked, every field parsed and duplicate keys refused.
/// </summary>
internal static class TrialCsv
{
    /// <summary>Writes <paramref name="rows"/> sorted by <paramref name="key"/>, one record each, atomically replacing
    /// <paramref name="path"/>.</summary>
    public static void Write<T>(string path, IReadOnlyList<string> header, IEnumerable<T> rows, Func<T, SweepKey> key, Func<T, string[]> record)
    {
        var sorted = rows.OrderBy(key).ToArray();
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, new CsvWriterOptions
            {
                Separator = ',',
                NewLine = "\n",
                FormatProvider = CultureInfo.InvariantCulture,
                WriteByteOrderMark = false,
            }, true);
            csv.WriteRecord(header.ToArray());
            foreach (var row in sorted)
            {
                csv.WriteRecord(record(row));
            }
            csv.Flush();
        });
    }

    /// <summary>Reads every line after the header with <paramref name="parse"/>.</summary>
    /// <exception cref="InvalidDataException">One-line message naming the file, line and field.</exception>
    public static List<T> Read<T>(string path, IReadOnlyList<string> header, Func<TrialCsvFields, T> parse, Func<T, SweepKey> key)
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
            throw new InvalidDataException($"{path}: empty file, expected the header {string.Join(",", header)}");
        }
        var found = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray();
        if (!found.SequenceEqual(header))
        {
            throw new InvalidDataException(
                $"{path} line 1: header is '{string.Join(",", found)}', expected '{string.Join(",", header)}'");
        }
        var rows = new List<T>();
        var seen = new HashSet<SweepKey>();
        while (csv.Read())
        {
            var line = csv.LineNumber;
            if (csv.FieldCount != header.Count)
            {
                throw new InvalidDataException($"{path} line {line}: {csv.FieldCount} fields, expected {header.Count}");
            }
            var row = parse(new TrialCsvFields(csv, header, path, line));
            var k = key(row);
            if (!seen.Add(k))
            {
                throw new InvalidDataException(
                    $"{path} line {line}: duplicate row for {k.Parameter}={k.Value.ToString("R", CultureInfo.InvariantCulture)} {k.Mitigation} " +
                        $"trial {k.Trial}");
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>A number as the files write it: shortest round-trip, invariant culture.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer as the files write it.</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
