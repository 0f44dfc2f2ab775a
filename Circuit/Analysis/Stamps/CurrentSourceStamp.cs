using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>An independent current I from plus through the source to minus: it leaves the plus node.</summary>
internal sealed class CurrentSourceStamp(CurrentSource source, int plus, int minus) : Stamp
{
    public override Element Element => source;

    public override void Declare(SparseMatrixBuilder pattern) { }

    public override void Bind(CscMatrix matrix) { }

    public override void LoadLinear(double[] values, double[] sourceRhs)
    {
        AddRhs(sourceRhs, plus, -source.Current);
        AddRhs(sourceRhs, minus, source.Current);
    }
}
