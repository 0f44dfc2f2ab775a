using System.Runtime.CompilerServices;

namespace Bmcnn.Netlists;

/// <summary>
/// SPICE is case-insensitive and ngspice prints names lowercase: invariant lowercasing of spans without copying when
/// the text is lowercase already (the common case for machine-written netlists).
/// </summary>
internal static class Lowercase
{
    /// <summary>True when lowercasing would not change <paramref name="text"/>.</summary>
    public static bool Is(ReadOnlySpan<char> text) =>
        !text.ContainsAnyInRange('A', 'Z') && (!text.ContainsAnyExceptInRange('\0', '\x7F') || IsSlow(text));

    /// <summary>The text lowercased (invariant culture) as a new string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Of(ReadOnlySpan<char> text)
    {
        if (Is(text))
        {
            return new string(text);
        }
        return string.Create(text.Length, text, static (span, source) => source.ToLowerInvariant(span));
    }

    /// <summary>True when <paramref name="text"/> lowercased equals <paramref name="lowercase"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Matches(ReadOnlySpan<char> text, string lowercase)
    {
        if (text.Length != lowercase.Length)
        {
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (char.ToLowerInvariant(text[i]) != lowercase[i])
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsSlow(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.ToLowerInvariant(c) != c)
            {
                return false;
            }
        }
        return true;
    }
}
