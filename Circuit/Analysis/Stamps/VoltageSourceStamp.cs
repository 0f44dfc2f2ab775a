using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>
/// An independent voltage source with branch-current unknown k (positive into the plus terminal):
/// KCL gets +i at plus and −i at minus; row k reads V(plus) − V(minus) = V.
/// </summary>
internal sealed class VoltageSourceStamp(VoltageSource source, int plus, int minus, int branch, IntegrationState state) : Stamp
{
    private int _pk, _mk, _kp, _km;

    public override Element Element => source;

    public override void Declare(SparseMatrixBuilder pattern)
    {
        Declare(pattern, plus, branch);
        Declare(pattern, minus, branch);
        Declare(pattern, branch, plus);
        Declare(pattern, branch, minus);
    }

    public override void Bind(CscMatrix matrix)
    {
        _pk = Slot(matrix, plus, branch);
        _mk = Slot(matrix, minus, branch);
        _kp = Slot(matrix, branch, plus);
        _km = Slot(matrix, branch, minus);
    }

    public override void LoadLinear(double[] values, double[] sourceRhs)
    {
        Add(values, _pk, 1);
        Add(values, _mk, -1);
        Add(values, _kp, 1);
        Add(values, _km, -1);
        sourceRhs[branch] += state.SourceValue(source.Waveform, source.Voltage);
    }
}
