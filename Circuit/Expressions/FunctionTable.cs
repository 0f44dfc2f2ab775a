namespace Bmcnn.Circuit.Expressions;

/// <summary>
/// The one table of SPICE function names, shared by B-source expressions and <c>.param</c> values: each name with
/// its operation and arity. The first name listed for an operation is the one expressions are rendered with.
/// </summary>
internal static class FunctionTable
{
    /// <summary>Arity of the functions that take one or more arguments (min, max).</summary>
    public const int Variadic = 0;

    private static readonly (string Name, Operation Operation, int Arity)[] Entries =
    [
        ("sqrt", Operation.Sqrt, 1),
        ("exp", Operation.Exp, 1),
        ("ln", Operation.Ln, 1),
        ("log", Operation.Ln, 1),
        ("log10", Operation.Log10, 1),
        ("sin", Operation.Sin, 1),
        ("cos", Operation.Cos, 1),
        ("tan", Operation.Tan, 1),
        ("asin", Operation.Asin, 1),
        ("acos", Operation.Acos, 1),
        ("atan", Operation.Atan, 1),
        ("arctan", Operation.Atan, 1),
        ("atan2", Operation.Atan2, 2),
        ("sinh", Operation.Sinh, 1),
        ("cosh", Operation.Cosh, 1),
        ("tanh", Operation.Tanh, 1),
        ("asinh", Operation.Asinh, 1),
        ("acosh", Operation.Acosh, 1),
        ("atanh", Operation.Atanh, 1),
        ("abs", Operation.Abs, 1),
        ("sgn", Operation.Sign, 1),
        ("sign", Operation.Sign, 1),
        ("u", Operation.Step, 1),
        ("u2", Operation.Step2, 1),
        ("uramp", Operation.Ramp, 1),
        ("floor", Operation.Floor, 1),
        ("ceil", Operation.Ceiling, 1),
        ("int", Operation.Truncate, 1),
        ("nint", Operation.RoundEven, 1),
        ("round", Operation.Round, 1),
        ("pow", Operation.Power, 2),
        ("pwr", Operation.SignedPower, 2),
        ("min", Operation.Min, Variadic),
        ("max", Operation.Max, Variadic),
        ("ternary_fcn", Operation.Select, 3),
    ];

    private static readonly Dictionary<string, (Operation Operation, int Arity)> ByName =
        Entries.ToDictionary(e => e.Name, e => (e.Operation, e.Arity), StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<Operation, string> Canonical = Entries
        .GroupBy(e => e.Operation)
        .ToDictionary(g => g.Key, g => g.First().Name);

    /// <summary>Looks a function up by name (case-insensitive); arity is 1, 2, 3 or <see cref="Variadic"/>.</summary>
    public static bool TryGet(string name, out Operation operation, out int arity)
    {
        if (ByName.TryGetValue(name, out var entry))
        {
            (operation, arity) = entry;
            return true;
        }
        (operation, arity) = (default, 0);
        return false;
    }

    /// <summary>Every function name, in table order.</summary>
    public static IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>Every entry: name, operation and arity, in table order (aliases included).</summary>
    public static IReadOnlyList<(string Name, Operation Operation, int Arity)> All => Entries;

    /// <summary>The name an operation is rendered with.</summary>
    public static string NameOf(Operation operation) =>
        Canonical.TryGetValue(operation, out var name) ? name : operation.ToString().ToLowerInvariant();
}
