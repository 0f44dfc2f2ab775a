namespace Bmcnn.Circuit.Expressions;

/// <summary>
/// An expression compiled against solution-vector indices: evaluates the value, and by one reverse sweep the partial
/// derivatives with respect to every unknown it reads. Evaluation allocates nothing; an instance holds scratch
/// space and so is not thread-safe (compile one per thread).
/// </summary>
public sealed class CompiledExpression
{
    private readonly Instruction[] _tape;
    private readonly int[] _unknowns;
    private readonly double[] _value;
    private readonly double[] _adjoint;

    internal CompiledExpression(Instruction[] tape, int[] unknowns)
    {
        _tape = tape;
        _unknowns = unknowns;
        _value = new double[tape.Length];
        _adjoint = new double[tape.Length];
    }

    /// <summary>The distinct solution indices the expression reads; gradient entry k belongs to Unknowns[k].</summary>
    public IReadOnlyList<int> Unknowns => _unknowns;

    /// <summary>The value for the solution vector <paramref name="solution"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> solution)
    {
        Forward(solution);
        return _value[^1];
    }

    /// <summary>
    /// The value, and in <paramref name="gradient"/> (length ≥ Unknowns.Count) the partial derivative with respect to
    /// each unknown in <see cref="Unknowns"/>.
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> solution, Span<double> gradient)
    {
        Forward(solution);
        gradient[.._unknowns.Length].Clear();
        var tape = _tape;
        var v = _value;
        var adj = _adjoint;
        Array.Clear(adj);
        adj[^1] = 1;
        for (var i = tape.Length - 1; i >= 0; i--)
        {
            var g = adj[i];
            if (g == 0)
            {
                continue;
            }
            var ins = tape[i];
            switch (ins.Operation)
            {
                case Operation.Constant:
                    break;
                case Operation.Voltage:
                    if (ins.GradA >= 0) gradient[ins.GradA] += g;
                    if (ins.GradB >= 0) gradient[ins.GradB] -= g;
                    break;
                case Operation.Add:
                    adj[ins.A] += g;
                    adj[ins.B] += g;
                    break;
                case Operation.Subtract:
                    adj[ins.A] += g;
                    adj[ins.B] -= g;
                    break;
                case Operation.Multiply:
                    adj[ins.A] += g * v[ins.B];
                    adj[ins.B] += g * v[ins.A];
                    break;
                case Operation.Divide:
                    adj[ins.A] += g / v[ins.B];
                    adj[ins.B] -= g * v[i] / v[ins.B];
                    break;
                case Operation.Power:
                case Operation.SignedPower:
                {
                    var x = v[ins.A];
                    var y = v[ins.B];
                    var ax = Math.Abs(x);
                    var dx = ax == 0 ? (y > 1 ? 0 : y == 1 ? 1 : double.PositiveInfinity) : y * Math.Pow(ax, y - 1);
                    if (ins.Operation == Operation.Power && x < 0)
                    {
                        dx = -dx;
                    }
                    adj[ins.A] += g * dx;
                    adj[ins.B] += ax == 0 ? 0 : g * v[i] * Math.Log(ax);
                    break;
                }
                case Operation.Min:
                    adj[v[ins.A] > v[ins.B] ? ins.B : ins.A] += g;
                    break;
                case Operation.Max:
                    adj[v[ins.A] > v[ins.B] ? ins.A : ins.B] += g;
                    break;
                default:
                    adj[ins.A] += g * UnaryDerivative(ins.Operation, v[ins.A], v[i]);
                    break;
            }
        }
        return v[^1];
    }

    private void Forward(ReadOnlySpan<double> x)
    {
        var tape = _tape;
        var v = _value;
        for (var i = 0; i < tape.Length; i++)
        {
            var ins = tape[i];
            v[i] = ins.Operation switch
            {
                Operation.Constant => ins.Constant,
                Operation.Voltage => (ins.A >= 0 ? x[ins.A] : 0) - (ins.B >= 0 ? x[ins.B] : 0),
                Operation.Add => v[ins.A] + v[ins.B],
                Operation.Subtract => v[ins.A] - v[ins.B],
                Operation.Multiply => v[ins.A] * v[ins.B],
                Operation.Divide => v[ins.A] / v[ins.B],
                Operation.Power => Math.Pow(Math.Abs(v[ins.A]), v[ins.B]),
                Operation.SignedPower => v[ins.A] < 0 ? -Math.Pow(-v[ins.A], v[ins.B]) : Math.Pow(v[ins.A], v[ins.B]),
                Operation.Min => v[ins.A] > v[ins.B] ? v[ins.B] : v[ins.A],
                Operation.Max => v[ins.A] > v[ins.B] ? v[ins.A] : v[ins.B],
                _ => UnaryValue(ins.Operation, v[ins.A]),
            };
        }
    }

    private static double UnaryValue(Operation op, double a) => op switch
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
        _ => throw new InvalidOperationException($"operation {op} is not unary"),
    };

    /// <summary>d f(a)/da given the argument a and the already computed value f.</summary>
    private static double UnaryDerivative(Operation op, double a, double f) => op switch
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
        Operation.Step or Operation.Sign => 0,
        _ => throw new InvalidOperationException($"operation {op} is not unary"),
    };
}
