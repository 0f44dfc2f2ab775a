using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;
using Bmcnn.Circuit.Expressions;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>
/// B source with I=f(x): f leaves the plus node and enters the minus node. Linearized: ∂f/∂x_k in column k of both
/// rows, and the equivalent current f(x0) − Σ ∂f/∂x_k·x0_k on the right-hand side.
/// </summary>
internal sealed class BehavioralCurrentStamp(BehavioralSource source, int plus, int minus, CompiledExpression expression) : Stamp
{
    private readonly double[] _gradient = new double[expression.Unknowns.Count];
    private int[] _plusSlots = [];
    private int[] _minusSlots = [];

    public override Element Element => source;

    public override bool IsNonlinear => true;

    public override void Declare(SparseMatrixBuilder pattern)
    {
        foreach (var k in expression.Unknowns)
        {
            Declare(pattern, plus, k);
            Declare(pattern, minus, k);
        }
    }

    public override void Bind(CscMatrix matrix)
    {
        _plusSlots = expression.Unknowns.Select(k => Slot(matrix, plus, k)).ToArray();
        _minusSlots = expression.Unknowns.Select(k => Slot(matrix, minus, k)).ToArray();
    }

    public override void LoadLinear(double[] values, double[] sourceRhs) { }

    public override bool LoadNonlinear(double[] values, double[] rhs, ReadOnlySpan<double> solution)
    {
        var f = expression.Evaluate(solution, _gradient);
        var equivalent = f;
        var unknowns = expression.Unknowns;
        var finite = double.IsFinite(f);
        for (var k = 0; k < _gradient.Length; k++)
        {
            var d = _gradient[k];
            finite &= double.IsFinite(d);
            equivalent -= d * solution[unknowns[k]];
            Add(values, _plusSlots[k], d);
            Add(values, _minusSlots[k], -d);
        }
        AddRhs(rhs, plus, -equivalent);
        AddRhs(rhs, minus, equivalent);
        return finite;
    }
}
