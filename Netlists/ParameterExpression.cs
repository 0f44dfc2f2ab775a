using Bmcnn.Circuit.Expressions;

namespace Bmcnn.Netlists;

/// <summary>
/// Evaluates constant SPICE expressions (<c>.param</c> values and <c>{…}</c> / <c>'…'</c> groups) with the engine's
/// one expression grammar and function table (see <see cref="Expression"/>): names are parameters, and the
/// expression folds to a constant as it is parsed. Errors are <see cref="FormatException"/>.
/// </summary>
internal static class ParameterExpression
{
    /// <summary>Evaluates <paramref name="text"/>; <paramref name="lookup"/> returns a parameter's value or null.</summary>
    public static double Evaluate(string text, Func<string, double?> lookup)
    {
        var expression = new ExpressionParser(text, lookup).ParseAll();
        return expression is ConstantExpression constant
            ? constant.Value
            : throw new FormatException($"expression '{text.Trim()}' is not constant");
    }
}
