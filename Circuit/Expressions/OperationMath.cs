namespace Bmcnn.Circuit.Expressions;

/// <summary>
/// The value and the derivatives of every operation: one definition shared by the compiled tape (B-sources) and by
/// constant folding (<c>.param</c> values), so both read a function the same way.
/// </summary>
internal static class OperationMath
{
    /// <summary>The value of a one-operand operation.</summary>
    public static double Unary(Operation op, double a) => op switch
    {
        Operation.Negate => -a,
        Operation.Sinh => Math.Sinh(a),
        Operation.Cosh => Math.Cosh(a),
        Operation.Tanh => Math.Tanh(a),
        Operation.Exp => Math.Exp(a),
        Operation.Ln => a > 0 ? Math.Log(a) : double.NaN,
        Operation.Log10 => a > 0 ? Math.Log10(a) : double.NaN,
        Operation.Sqrt => Math.Sqrt(a),
        Operation.Abs => Math.Abs(a),
        Operation.Sin => Math.Sin(a),
        Operation.Cos => Math.Cos(a),
        Operation.Tan => Math.Tan(a),
        Operation.Atan => Math.Atan(a),
        Operation.Step => a > 0 ? 1 : a < 0 ? 0 : 0.5,
        Operation.Sign => a > 0 ? 1 : a < 0 ? -1 : 0,
        Operation.Asin => Math.Asin(a),
        Operation.Acos => Math.Acos(a),
        Operation.Asinh => Math.Asinh(a),
        Operation.Acosh => Math.Acosh(a),
        Operation.Atanh => Math.Atanh(a),
        Operation.Floor => Math.Floor(a),
        Operation.Ceiling => Math.Ceiling(a),
        Operation.Truncate => Math.Truncate(a),
        Operation.RoundEven => Math.Round(a, MidpointRounding.ToEven),
        Operation.Round => Math.Round(a, MidpointRounding.AwayFromZero),
        Operation.Ramp => a > 0 ? a : 0,
        Operation.Step2 => a <= 0 ? 0 : a >= 1 ? 1 : a,
        Operation.Not => a == 0 ? 1 : 0,
        _ => throw new InvalidOperationException($"operation {op} is not unary"),
    };

    /// <summary>The value of a two-operand operation.</summary>
    public static double Binary(Operation op, double a, double b) => op switch
    {
        Operation.Add => a + b,
        Operation.Subtract => a - b,
        Operation.Multiply => a * b,
        Operation.Divide => a / b,
        Operation.Power => Math.Pow(Math.Abs(a), b),
        Operation.SignedPower => a < 0 ? -Math.Pow(-a, b) : Math.Pow(a, b),
        Operation.Min => a > b ? b : a,
        Operation.Max => a > b ? a : b,
        Operation.Atan2 => Math.Atan2(a, b),
        Operation.Less => a < b ? 1 : 0,
        Operation.LessEqual => a <= b ? 1 : 0,
        Operation.Greater => a > b ? 1 : 0,
        Operation.GreaterEqual => a >= b ? 1 : 0,
        Operation.Equal => a == b ? 1 : 0,
        Operation.NotEqual => a != b ? 1 : 0,
        Operation.And => a != 0 && b != 0 ? 1 : 0,
        Operation.Or => a != 0 || b != 0 ? 1 : 0,
        _ => throw new InvalidOperationException($"operation {op} is not binary"),
    };

    /// <summary>c ? a : b (non-zero is true).</summary>
    public static double Select(double condition, double whenTrue, double whenFalse) => condition != 0 ? whenTrue : whenFalse;

    /// <summary>
    /// d f(a)/da given the argument a and the already computed value f. Piecewise-constant functions (steps, rounding,
    /// sign, logic) have derivative 0, as in ngspice: Newton sees them as flat.
    /// </summary>
    public static double UnaryDerivative(Operation op, double a, double f) => op switch
    {
        Operation.Negate => -1,
        Operation.Sinh => Math.Cosh(a),
        Operation.Cosh => Math.Sinh(a),
        Operation.Tanh => 1 - f * f,
        Operation.Exp => f,
        Operation.Ln => 1 / a,
        Operation.Log10 => 1 / (a * Math.Log(10)),
        Operation.Sqrt => 0.5 / f,
        Operation.Abs => a < 0 ? -1 : 1,
        Operation.Sin => Math.Cos(a),
        Operation.Cos => -Math.Sin(a),
        Operation.Tan => 1 + f * f,
        Operation.Atan => 1 / (1 + a * a),
        Operation.Asin => 1 / Math.Sqrt(1 - a * a),
        Operation.Acos => -1 / Math.Sqrt(1 - a * a),
        Operation.Asinh => 1 / Math.Sqrt(a * a + 1),
        Operation.Acosh => 1 / Math.Sqrt(a * a - 1),
        Operation.Atanh => 1 / (1 - a * a),
        Operation.Ramp => a > 0 ? 1 : 0,
        Operation.Step2 => a > 0 && a < 1 ? 1 : 0,
        Operation.Step or Operation.Sign or Operation.Floor or Operation.Ceiling or Operation.Truncate
            or Operation.RoundEven or Operation.Round or Operation.Not => 0,
        _ => throw new InvalidOperationException($"operation {op} is not unary"),
    };

    /// <summary>
    /// The partial derivatives (d/da, d/db) of a two-operand operation other than the arithmetic ones, given the
    /// operands and the computed value f.
    /// </summary>
    public static (double DA, double DB) BinaryDerivative(Operation op, double a, double b, double f)
    {
        switch (op)
        {
            case Operation.Power:
            case Operation.SignedPower:
                {
                    var ax = Math.Abs(a);
                    var da = ax == 0 ? (b > 1 ? 0 : b == 1 ? 1 : double.PositiveInfinity) : b * Math.Pow(ax, b - 1);
                    if (op == Operation.Power && a < 0)
                    {
                        da = -da;
                    }
                    return (da, ax == 0 ? 0 : f * Math.Log(ax));
                }
            case Operation.Min:
                return a > b ? (0, 1) : (1, 0);
            case Operation.Max:
                return a > b ? (1, 0) : (0, 1);
            case Operation.Atan2:
                {
                    // atan2(y, x): d/dy = x/(x²+y²), d/dx = −y/(x²+y²).
                    var r2 = a * a + b * b;
                    return r2 == 0 ? (0, 0) : (b / r2, -a / r2);
                }
            default:
                // Comparisons and logic are piecewise constant.
                return (0, 0);
        }
    }
}
