namespace Bmcnn.Circuit.Expressions;

/// <summary>SPICE scale suffixes (t g meg k m mil u n p f), shared by the expression parser and the netlist reader.</summary>
public static class ScaleSuffix
{
    /// <summary>
    /// The factor a suffix stands for, case-insensitive; letters after a suffix (units such as "v" or "ohm") are
    /// ignored, as in SPICE, and an unknown or empty suffix scales by 1.
    /// </summary>
    public static double Factor(ReadOnlySpan<char> suffix)
    {
        if (suffix.IsEmpty) return 1;
        if (suffix.StartsWith("meg", StringComparison.OrdinalIgnoreCase)) return 1e6;
        if (suffix.StartsWith("mil", StringComparison.OrdinalIgnoreCase)) return 25.4e-6;
        return char.ToLowerInvariant(suffix[0]) switch
        {
            't' => 1e12,
            'g' => 1e9,
            'k' => 1e3,
            'm' => 1e-3,
            'u' => 1e-6,
            'n' => 1e-9,
            'p' => 1e-12,
            'f' => 1e-15,
            _ => 1,
        };
    }
}
