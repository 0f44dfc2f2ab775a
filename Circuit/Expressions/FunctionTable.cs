namespace Bmcnn.Circuit.Expressions;

/// <summary>The SPICE function names the parser knows, with their arity.</summary>
internal static class FunctionTable
{
    private static readonly Dictionary<string, (Operation Operation, int Arity)> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sinh"] = (Operation.Sinh, 1),
        ["cosh"] = (Operation.Cosh, 1),
        ["tanh"] = (Operation.Tanh, 1),
        ["exp"] = (Operation.Exp, 1),
        ["ln"] = (Operation.Ln, 1),
        ["log"] = (Operation.Ln, 1),
        ["log10"] = (Operation.Log10, 1),
        ["sqrt"] = (Operation.Sqrt, 1),
        ["abs"] = (Operation.Abs, 1),
        ["sin"] = (Operation.Sin, 1),
        ["cos"] = (Operation.Cos, 1),
        ["tan"] = (Operation.Tan, 1),
        ["atan"] = (Operation.Atan, 1),
        ["u"] = (Operation.Step, 1),
        ["sgn"] = (Operation.Sign, 1),
        ["min"] = (Operation.Min, 2),
        ["max"] = (Operation.Max, 2),
        ["pow"] = (Operation.Power, 2),
        ["pwr"] = (Operation.SignedPower, 2),
    };

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

    public static IEnumerable<string> Names => ByName.Keys;

    public static string NameOf(Operation operation) => operation switch
    {
        Operation.Ln => "ln",
        Operation.Step => "u",
        Operation.Sign => "sgn",
        Operation.Power => "pow",
        Operation.SignedPower => "pwr",
        _ => operation.ToString().ToLowerInvariant(),
    };
}
