using System.Globalization;

namespace Bmcnn.Netlists;

/// <summary>
/// Evaluates constant SPICE expressions (<c>.param</c> values and <c>{…}</c> / <c>'…'</c> groups): numbers with SI
/// suffixes, parameters, + − * / ^ **, comparisons, <c>?:</c>, and the usual functions (sqrt, exp, ln, log, log10,
/// sin … tanh, abs, min, max, pow, pwr, floor, ceil, int, nint, sgn). Errors are <see cref="FormatException"/>.
/// </summary>
internal sealed class ParameterExpression
{
    private readonly List<ExpressionToken> _tokens;
    private readonly Func<string, double?> _lookup;
    private int _position;

    private ParameterExpression(List<ExpressionToken> tokens, Func<string, double?> lookup)
    {
        _tokens = tokens;
        _lookup = lookup;
    }

    /// <summary>Evaluates <paramref name="text"/>; <paramref name="lookup"/> returns a parameter's value or null.</summary>
    public static double Evaluate(string text, Func<string, double?> lookup)
    {
        var tokens = ExpressionScanner.Scan(text);
        if (tokens.Count == 0)
        {
            throw new FormatException("empty expression");
        }
        var parser = new ParameterExpression(tokens, lookup);
        var value = parser.Ternary();
        if (parser._position < tokens.Count)
        {
            throw new FormatException($"unexpected '{tokens[parser._position].Text}' in expression");
        }
        return value;
    }

    private ExpressionToken? Peek => _position < _tokens.Count ? _tokens[_position] : null;

    private bool Accept(string op)
    {
        if (Peek is { Kind: ExpressionTokenKind.Operator } t && t.Text == op)
        {
            _position++;
            return true;
        }
        return false;
    }

    private void Expect(string op)
    {
        if (!Accept(op))
        {
            throw new FormatException(Peek is { } t ? $"expected '{op}' but found '{t.Text}'" : $"expected '{op}' at the end");
        }
    }

    private double Ternary()
    {
        var condition = Or();
        if (!Accept("?"))
        {
            return condition;
        }
        var whenTrue = Ternary();
        Expect(":");
        var whenFalse = Ternary();
        return condition != 0 ? whenTrue : whenFalse;
    }

    private double Or()
    {
        var left = And();
        while (Accept("||"))
        {
            var right = And();
            left = left != 0 || right != 0 ? 1 : 0;
        }
        return left;
    }

    private double And()
    {
        var left = Comparison();
        while (Accept("&&"))
        {
            var right = Comparison();
            left = left != 0 && right != 0 ? 1 : 0;
        }
        return left;
    }

    private double Comparison()
    {
        var left = Additive();
        foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
        {
            if (Accept(op))
            {
                var right = Additive();
                var result = op switch
                {
                    "==" => left == right,
                    "!=" => left != right,
                    "<=" => left <= right,
                    ">=" => left >= right,
                    "<" => left < right,
                    _ => left > right,
                };
                return result ? 1 : 0;
            }
        }
        return left;
    }

    private double Additive()
    {
        var value = Multiplicative();
        while (true)
        {
            if (Accept("+")) value += Multiplicative();
            else if (Accept("-")) value -= Multiplicative();
            else return value;
        }
    }

    private double Multiplicative()
    {
        var value = Unary();
        while (true)
        {
            if (Accept("*")) value *= Unary();
            else if (Accept("/")) value /= Unary();
            else return value;
        }
    }

    private double Unary()
    {
        if (Accept("-")) return -Unary();
        if (Accept("+")) return Unary();
        if (Accept("!")) return Unary() == 0 ? 1 : 0;
        return Power();
    }

    private double Power()
    {
        var value = Primary();
        if (Accept("^") || Accept("**"))
        {
            return Math.Pow(value, Unary());
        }
        return value;
    }

    private double Primary()
    {
        if (Peek is not { } token)
        {
            throw new FormatException("expression ends too early");
        }
        _position++;
        switch (token.Kind)
        {
            case ExpressionTokenKind.Number:
                return SpiceNumber.TryParse(token.Text, out var number) ? number : throw new FormatException($"bad number '{token.Text}'");
            case ExpressionTokenKind.Identifier when Accept("("):
                return Call(token.Text.ToLowerInvariant());
            case ExpressionTokenKind.Identifier:
                var name = token.Text.ToLowerInvariant();
                if (_lookup(name) is { } value) return value;
                if (name == "pi") return Math.PI;
                throw new FormatException($"unknown parameter '{token.Text}'");
            case ExpressionTokenKind.Operator when token.Text == "(":
                var inner = Ternary();
                Expect(")");
                return inner;
            case ExpressionTokenKind.Operator when token.Text == "{":
                var braced = Ternary();
                Expect("}");
                return braced;
            default:
                throw new FormatException($"unexpected '{token.Text}' in expression");
        }
    }

    private double Call(string function)
    {
        var args = new List<double>();
        if (!Accept(")"))
        {
            do
            {
                args.Add(Ternary());
            }
            while (Accept(","));
            Expect(")");
        }
        double One() => args.Count == 1 ? args[0] : throw Arity(function, 1, args.Count);
        (double, double) Two() => args.Count == 2 ? (args[0], args[1]) : throw Arity(function, 2, args.Count);
        switch (function)
        {
            case "sqrt": return Math.Sqrt(One());
            case "exp": return Math.Exp(One());
            case "ln" or "log": return Math.Log(One());
            case "log10": return Math.Log10(One());
            case "sin": return Math.Sin(One());
            case "cos": return Math.Cos(One());
            case "tan": return Math.Tan(One());
            case "asin": return Math.Asin(One());
            case "acos": return Math.Acos(One());
            case "atan": return Math.Atan(One());
            case "sinh": return Math.Sinh(One());
            case "cosh": return Math.Cosh(One());
            case "tanh": return Math.Tanh(One());
            case "abs": return Math.Abs(One());
            case "sgn" or "sign": return Math.Sign(One());
            case "floor": return Math.Floor(One());
            case "ceil": return Math.Ceiling(One());
            case "int": return Math.Truncate(One());
            case "nint" or "round": return Math.Round(One(), MidpointRounding.AwayFromZero);
            case "pow" or "pwr":
                var (x, y) = Two();
                return Math.Pow(x, y);
            case "atan2":
                var (ay, ax) = Two();
                return Math.Atan2(ay, ax);
            case "min":
                return args.Count >= 1 ? args.Min() : throw Arity(function, 1, 0);
            case "max":
                return args.Count >= 1 ? args.Max() : throw Arity(function, 1, 0);
            default:
                throw new FormatException($"unknown function '{function}'");
        }
    }

    private static FormatException Arity(string function, int expected, int got) =>
        new(string.Create(CultureInfo.InvariantCulture, $"function '{function}' takes {expected} argument(s), got {got}"));
}
