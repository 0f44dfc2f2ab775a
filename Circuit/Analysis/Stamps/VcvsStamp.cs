using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>E source: branch current k like a V source; row k reads V(p) − V(m) − gain·(V(cp) − V(cm)) = 0.</summary>
internal sealed class VcvsStamp(Vcvs source, int plus, int minus, int controlPlus, int controlMinus, int branch) : Stamp
{
    private int _pk, _mk, _kp, _km, _kcp, _kcm;

    public override Element Element => source;

    public override void Declare(SparseMatrixBuilder pattern)
    {
        Declare(pattern, plus, branch);
        Declare(pattern, minus, branch);
        Declare(pattern, branch, plus);
        Declare(pattern, branch, minus);
        Declare(pattern, branch, controlPlus);
        Declare(pattern, branch, controlMinus);
    }

    public override void Bind(CscMatrix matrix)
    {
        _pk = Slot(matrix, plus, branch);
        _mk = Slot(matrix, minus, branch);
        _kp = Slot(matrix, branch, plus);
        _km = Slot(matrix, branch, minus);
        _kcp = Slot(matrix, branch, controlPlus);
        _kcm = Slot(matrix, branch, controlMinus);
    }

    public override void LoadLinear(double[] values, double[] sourceRhs)
    {
        Add(values, _pk, 1);
        Add(values, _mk, -1);
        Add(values, _kp, 1);
        Add(values, _km, -1);
        Add(values, _kcp, -source.Gain);
        Add(values, _kcm, source.Gain);
    }
}
