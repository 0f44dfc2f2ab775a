using System.Runtime.CompilerServices;
using Bmcnn.Circuit.Algebra;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>The four slots of a two-terminal conductance between unknowns a and b.</summary>
internal struct ConductanceSlots
{
    private int _aa, _bb, _ab, _ba;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Declare(SparseMatrixBuilder pattern, int a, int b)
    {
        if (a >= 0) pattern.Entry(a, a);
        if (b >= 0) pattern.Entry(b, b);
        if (a >= 0 && b >= 0)
        {
            pattern.Entry(a, b);
            pattern.Entry(b, a);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Bind(CscMatrix matrix, int a, int b)
    {
        _aa = a >= 0 ? matrix.IndexOf(a, a) : -1;
        _bb = b >= 0 ? matrix.IndexOf(b, b) : -1;
        _ab = a >= 0 && b >= 0 ? matrix.IndexOf(a, b) : -1;
        _ba = a >= 0 && b >= 0 ? matrix.IndexOf(b, a) : -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly void Add(double[] values, double g)
    {
        if (_aa >= 0) values[_aa] += g;
        if (_bb >= 0) values[_bb] += g;
        if (_ab >= 0)
        {
            values[_ab] -= g;
            values[_ba] -= g;
        }
    }
}
