using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;
using Bmcnn.Circuit.Expressions;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>
/// B source with V=f(x): branch current k like a V source; row k reads V(p) − V(m) − Σ ∂f/∂x_k·x_k = f(x0) − Σ ∂f/∂x_k·x0_k.
/// </summary>
internal sealed class BehavioralVoltageStamp(BehavioralSource source, int plus, int minus, int branch, CompiledExpression expression) : Stamp
{
    private readonly double[] _gradient = new double[expression.Unknowns.Count];
    private int _pk, _mk, _kp, _km;
    private int[] _slots = [];

    public override Element Element => source;

    public override bool IsNonlinear => true;

    public override void Declare(SparseMatrixBuilder pattern)
    {
        Declare(pattern, plus, branch);
        Declare(pattern, minus, branch);
        Declare(pattern, branch, plus);
        Declare(pattern, branch, minus);
        foreach (var k in expression.Unknowns)
        {
            Declare(pattern, branch, k);
        }
    }

    public override void Bind(CscMatrix matrix)
    {
        _pk = Slot(matrix, plus, branch);
        _mk = Slot(matrix, minus, branch);
        _kp = Slot(matrix, branch, plus);
        _km = Slot(matrix, branch, minus);
        _slots = expression.Unknowns.Select(k => Slot(matrix, branch, k)).ToArray();
    }

    public override void LoadLinear(double[] values, double[] sourceRhs)
    {
        Add(values, _pk, 1);
        Add(values, _mk, -1);
        Add(values, _kp, 1);
        Add(values, _km, -1);
    }

    public override bool LoadNonlinear(double[] values, double[] rhs, ReadOnlySpan<double> solution)
    {
        var f = expression.Evaluate(solution, _gradient);
        var unknowns = expression.Unknowns;
        var finite = double.IsFinite(f);
        for (var k = 0; k < _gradient.Length; k++)
        {
            var d = _gradient[k];
            finite &= double.IsFinite(d);
            f -= d * solution[unknowns[k]];
            values[_slots[k]] -= d;
        }
        rhs[branch] += f;
        return finite;
    }
}
