using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>
/// An inductor with branch current k (from a through the inductor to b): KCL gets +i at a and −i at b; row k reads
/// V(a) − V(b) = 0 in DC (a short) and V(a) − V(b) − dΦ/dt = 0 in a transient step, Φ = L·i integrated.
/// </summary>
internal sealed class InductorStamp(Inductor inductor, int a, int b, int branch, IntegrationState state) : Stamp
{
    private readonly int _slot = state.Allocate(inductor.Name);
    private int _ak, _bk, _ka, _kb, _kk;

    public override Element Element => inductor;

    public override bool IsReactive => true;

    public override void Declare(SparseMatrixBuilder pattern)
    {
        Declare(pattern, a, branch);
        Declare(pattern, b, branch);
        Declare(pattern, branch, a);
        Declare(pattern, branch, b);
        Declare(pattern, branch, branch);
    }

    public override void Bind(CscMatrix matrix)
    {
        _ak = Slot(matrix, a, branch);
        _bk = Slot(matrix, b, branch);
        _ka = Slot(matrix, branch, a);
        _kb = Slot(matrix, branch, b);
        _kk = Slot(matrix, branch, branch);
    }

    public override void LoadLinear(double[] values, double[] sourceRhs)
    {
        Add(values, _ak, 1);
        Add(values, _bk, -1);
        Add(values, _ka, 1);
        Add(values, _kb, -1);
    }

    public override void LoadReactive(double[] values, double[] rhs, ReadOnlySpan<double> solution)
    {
        var i = solution[branch];
        var l = inductor.Inductance;
        state.Charge(0)[_slot] = l * i;
        var voltage = state.Integrate(_slot);
        var r = state.Ag0 * l;
        values[_kk] -= r;
        rhs[branch] += voltage - r * i;
    }

    public override void InitializeState(ReadOnlySpan<double> solution, bool useInitialConditions)
    {
        var i = useInitialConditions ? inductor.InitialCurrent ?? 0 : solution[branch];
        state.Charge(0)[_slot] = inductor.Inductance * i;
        state.Flow(0)[_slot] = 0;
    }
}
