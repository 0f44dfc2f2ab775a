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
                case Operation.Select:
                    adj[v[ins.A] != 0 ? ins.B : ins.C] += g;
                    break;
                default:
                    if (ins.B < 0)
                    {
                        adj[ins.A] += g * OperationMath.UnaryDerivative(ins.Operation, v[ins.A], v[i]);
                    }
                    else
                    {
                        var (da, db) = OperationMath.BinaryDerivative(ins.Operation, v[ins.A], v[ins.B], v[i]);
                        adj[ins.A] += g * da;
                        adj[ins.B] += g * db;
                    }
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
                Operation.Select => OperationMath.Select(v[ins.A], v[ins.B], v[ins.C]),
                _ => ins.B < 0 ? OperationMath.Unary(ins.Operation, v[ins.A]) : OperationMath.Binary(ins.Operation, v[ins.A], v[ins.B]),
            };
        }
    }
}
