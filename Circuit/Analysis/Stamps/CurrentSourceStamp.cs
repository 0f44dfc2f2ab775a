using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>An independent current I from plus through the source to minus: it leaves the plus node.</summary>
internal sealed class CurrentSourceStamp(CurrentSource source, int plus, int minus, IntegrationState state) : Stamp
{
    public override Element Element => source;

    public override void Declare(SparseMatrixBuilder pattern) { }

    public override void Bind(CscMatrix matrix) { }

    public override void LoadLinear(double[] values, double[] sourceRhs)
    {
        var current = state.SourceValue(source.Waveform, source.Current);
        AddRhs(sourceRhs, plus, -current);
        AddRhs(sourceRhs, minus, current);
    }
}
