using System.Runtime.CompilerServices;
using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>A linear conductance 1/R between its nodes.</summary>
internal sealed class ResistorStamp(Resistor resistor, int a, int b) : Stamp
{
    private ConductanceSlots _slots;

    public override Element Element => resistor;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Declare(SparseMatrixBuilder pattern) => ConductanceSlots.Declare(pattern, a, b);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Bind(CscMatrix matrix) => _slots.Bind(matrix, a, b);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void LoadLinear(double[] values, double[] sourceRhs) => _slots.Add(values, 1 / resistor.Resistance);
}
