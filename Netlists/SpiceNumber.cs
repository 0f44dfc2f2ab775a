using System.Globalization;
using System.Runtime.CompilerServices;
using Bmcnn.Circuit.Expressions;

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
        if (!TryParseShort(text[..i], out var mantissa)
            && !double.TryParse(text[..i], NumberStyles.Float, CultureInfo.InvariantCulture, out mantissa))
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

    // Powers of ten that a double holds exactly.
    private static readonly double[] ExactPowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    // A decimal literal (checked by the caller: sign, digits, optional fraction and exponent) of at most 15 digits and a
    // small exponent, the common case, without the general parser: its digits make an integer a double holds exactly, and
    // one multiplication or division by an exact power of ten rounds once, to the nearest double, as double.Parse does
    // (the classic fast path of correctly rounded decimal conversion). False for anything else.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseShort(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            i++;
        }
        ulong digits = 0;
        var count = 0;
        var scale = 0;
        var fraction = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits = 10 * digits + (ulong)(c - '0');
                count++;
                scale -= fraction ? 1 : 0;
            }
            else if (c == '.' && !fraction)
            {
                fraction = true;
            }
            else
            {
                break;
            }
        }
        if (count > 15)
        {
            return false;
        }
        if (i < text.Length)
        {
            // The exponent: e or E, an optional sign, one to three digits.
            i++;
            var exponentNegative = false;
            if (i < text.Length && text[i] is '+' or '-')
            {
                exponentNegative = text[i] == '-';
                i++;
            }
            var exponent = 0;
            var exponentDigits = 0;
            for (; i < text.Length; i++, exponentDigits++)
            {
                exponent = 10 * exponent + (text[i] - '0');
            }
            if (exponentDigits is 0 or > 3)
            {
                return false;
            }
            scale += exponentNegative ? -exponent : exponent;
        }
        if (scale < -22 || scale > 22)
        {
            return false;
        }
        var magnitude = scale >= 0 ? digits * ExactPowersOfTen[scale] : digits / ExactPowersOfTen[-scale];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>Parses a SPICE number or throws <see cref="FormatException"/>.</summary>
    public static double Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"bad number '{text}'");
}
