using System.Runtime.CompilerServices;
using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>
/// Every linear resistor of a circuit as one stamp over flat arrays. A large crossbar has tens of thousands of them,
/// and an object with four virtual calls each costs a cold process more than the arithmetic does. Resistances are
/// immutable, so the conductances are taken once.
/// </summary>
internal sealed class ResistorBank
{
    private readonly int[] _a, _b;
    private readonly double[] _g;
    private readonly int[] _slots; // aa, bb, ab, ba of resistor k at 4k; -1 where a terminal is ground
    private int _count;

    /// <summary>Makes room for <paramref name="capacity"/> resistors.</summary>
    public ResistorBank(int capacity)
    {
        _a = new int[capacity];
        _b = new int[capacity];
        _g = new double[capacity];
        _slots = new int[4 * capacity];
    }

    /// <summary>Adds a resistor between unknowns <paramref name="a"/> and <paramref name="b"/> (−1 = ground).</summary>
    public void Add(Resistor resistor, int a, int b)
    {
        _a[_count] = a;
        _b[_count] = b;
        _g[_count] = 1 / resistor.Resistance;
        _count++;
    }

    /// <summary>Declares the entries of every resistor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Declare(SparseMatrixBuilder pattern)
    {
        for (var k = 0; k < _count; k++)
        {
            ConductanceSlots.Declare(pattern, _a[k], _b[k]);
        }
    }

    /// <summary>Looks up every resistor's four value slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Bind(CscMatrix matrix)
    {
        for (var k = 0; k < _count; k++)
        {
            int a = _a[k], b = _b[k], s = 4 * k;
            var both = a >= 0 && b >= 0;
            _slots[s] = a >= 0 ? matrix.IndexOf(a, a) : -1;
            _slots[s + 1] = b >= 0 ? matrix.IndexOf(b, b) : -1;
            _slots[s + 2] = both ? matrix.IndexOf(a, b) : -1;
            _slots[s + 3] = both ? matrix.IndexOf(b, a) : -1;
        }
    }

    /// <summary>Adds every conductance to the matrix values, in netlist order (as separate stamps would).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Load(double[] values)
    {
        var slots = _slots;
        for (var k = 0; k < _count; k++)
        {
            var g = _g[k];
            var s = 4 * k;
            int aa = slots[s], bb = slots[s + 1], ab = slots[s + 2];
            if (aa >= 0) values[aa] += g;
            if (bb >= 0) values[bb] += g;
            if (ab >= 0)
            {
                values[ab] -= g;
                values[slots[s + 3]] -= g;
            }
        }
    }
}
