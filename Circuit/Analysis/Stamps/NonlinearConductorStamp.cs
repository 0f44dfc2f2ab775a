using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>
/// I(V(a) − V(b)) from a to b, linearized at v0: conductance g = I'(v0) plus an equivalent current I(v0) − g·v0
/// leaving a.
/// </summary>
internal sealed class NonlinearConductorStamp(NonlinearConductor conductor, int a, int b) : Stamp
{
    private ConductanceSlots _slots;

    public override Element Element => conductor;

    public override bool IsNonlinear => true;

    public override void Declare(SparseMatrixBuilder pattern) => ConductanceSlots.Declare(pattern, a, b);

    public override void Bind(CscMatrix matrix) => _slots.Bind(matrix, a, b);

    public override void LoadLinear(double[] values, double[] sourceRhs) { }

    public override bool LoadNonlinear(double[] values, double[] rhs, ReadOnlySpan<double> solution)
    {
        var v = (a >= 0 ? solution[a] : 0) - (b >= 0 ? solution[b] : 0);
        var i = conductor.Law.Current(v);
        var g = conductor.Law.Conductance(v);
        _slots.Add(values, g);
        var equivalent = i - g * v;
        AddRhs(rhs, a, -equivalent);
        AddRhs(rhs, b, equivalent);
        return double.IsFinite(i) && double.IsFinite(g);
    }
}
