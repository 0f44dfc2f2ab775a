using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>G source: gm·(V(cp) − V(cm)) leaves the plus node and enters the minus node.</summary>
internal sealed class VccsStamp(Vccs source, int plus, int minus, int controlPlus, int controlMinus) : Stamp
{
    private int _pcp, _pcm, _mcp, _mcm;

    public override Element Element => source;

    public override void Declare(SparseMatrixBuilder pattern)
    {
        Declare(pattern, plus, controlPlus);
        Declare(pattern, plus, controlMinus);
        Declare(pattern, minus, controlPlus);
        Declare(pattern, minus, controlMinus);
    }

    public override void Bind(CscMatrix matrix)
    {
        _pcp = Slot(matrix, plus, controlPlus);
        _pcm = Slot(matrix, plus, controlMinus);
        _mcp = Slot(matrix, minus, controlPlus);
        _mcm = Slot(matrix, minus, controlMinus);
    }

    public override void LoadLinear(double[] values, double[] sourceRhs)
    {
        var gm = source.Transconductance;
        Add(values, _pcp, gm);
        Add(values, _pcm, -gm);
        Add(values, _mcp, -gm);
        Add(values, _mcm, gm);
    }
}
