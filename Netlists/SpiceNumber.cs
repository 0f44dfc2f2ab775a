using Bmcnn.Circuit.Expressions;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Bmcnn.Netlists;

/// <summary>
/// SPICE numbers: a decimal literal followed by an optional scale factor (f p n u m k meg g t, and mil) and any
/// trailing unit letters, which SPICE ignores (<c>1kohm</c> is 1000, <c>10V</c> is 10). Written with the round-trip
/// format so a value read back is bit-identical.
/// </summary>
public static class SpiceNumber
{
    /// <summary>Formats a value with full precision in the invariant culture (for example <c>1E-05</c>, <c>1000</c>).</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses a SPICE number; returns false when the text is not one.</summary>
    public static bool TryParse(string text, out double value) => TryParse(text.AsSpan(), out value);

    /// <summary>Parses a SPICE number from a span; returns false when the text is not one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }
        var i = 0;
        if (text[i] is '+' or '-')
        {
            i++;
        }
        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; digits++; }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; digits++; }
        }
        if (digits == 0)
        {
            return false;
        }
        // An exponent only counts when digits follow; otherwise 'e' would be a unit letter, which SPICE ignores too.
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }
            var start = j;
            while (j < text.Length && char.IsAsciiDigit(text[j])) { j++; }
            if (j > start)
            {
                i = j;
            }
        }
        if (!double.TryParse(text[..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var mantissa))
        {
            return false;
        }
        var suffix = text[i..];
        // SPICE ignores trailing letters, but anything else (a second dot, a digit after a unit, punctuation) is garbage.
        foreach (var c in suffix)
        {
            if (!char.IsAsciiLetter(c) && c != '_')
            {
                return false;
            }
        }
        value = mantissa * ScaleSuffix.Factor(suffix);
        return double.IsFinite(value);
    }

    /// <summary>Parses a SPICE number or throws <see cref="FormatException"/>.</summary>
    public static double Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"bad number '{text}'");
}
