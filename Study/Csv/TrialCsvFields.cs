using System.Globalization;
using CsvHelper;

namespace Bmcnn.Study.Csv;

/// <summary>The fields of one line of a per-trial CSV, parsed with one-line errors naming the file, line and column.</summary>
internal readonly struct TrialCsvFields(CsvReader csv, IReadOnlyList<string> header, string path, long line)
{
    /// <summary>A text field that must not be empty.</summary>
    public string Text(int index)
    {
        var text = csv.GetString(index) ?? "";
        if (text.Length == 0)
        {
            throw new InvalidDataException($"{path} line {line}: field '{header[index]}' is empty");
        }
        return text;
    }

    /// <summary>A finite number.</summary>
    public double Number(int index)
    {
        var text = csv.GetString(index) ?? "";
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new InvalidDataException($"{path} line {line}: field '{header[index]}' is '{text}', not a number");
        }
        return value;
    }

    /// <summary>A non-negative integer no larger than <paramref name="max"/>.</summary>
    public long Integer(int index, long max)
    {
        var text = csv.GetString(index) ?? "";
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max)
        {
            throw new InvalidDataException($"{path} line {line}: field '{header[index]}' is '{text}', not a non-negative integer");
        }
        return value;
    }

    /// <summary>A one-line error about this line.</summary>
    public InvalidDataException Error(string message) => new($"{path} line {line}: {message}");
}
