namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// Dense LU with partial pivoting (row interchanges, P·A = L·U). The reference the sparse solver is tested against,
/// and a fallback for tiny systems.
/// </summary>
public sealed class DenseLu
{
    private readonly double[,] _lu;
    private readonly int[] _perm;
    private readonly int _n;

    /// <summary>Factors a copy of the square matrix <paramref name="a"/>.</summary>
    /// <exception cref="SingularMatrixException">A column has no nonzero pivot.</exception>
    public DenseLu(double[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        _n = a.GetLength(0);
        if (a.GetLength(1) != _n) throw new ArgumentException("matrix must be square", nameof(a));
        _lu = (double[,])a.Clone();
        _perm = new int[_n];
        for (int i = 0; i < _n; i++) _perm[i] = i;
        for (int k = 0; k < _n; k++)
        {
            int piv = k;
            double best = Math.Abs(_lu[k, k]);
            for (int i = k + 1; i < _n; i++)
            {
                double v = Math.Abs(_lu[i, k]);
                if (v > best) { best = v; piv = i; }
            }
            if (best == 0 || double.IsNaN(best)) throw new SingularMatrixException(k, $"matrix is singular at column {k}");
            if (piv != k)
            {
                for (int j = 0; j < _n; j++) (_lu[k, j], _lu[piv, j]) = (_lu[piv, j], _lu[k, j]);
                (_perm[k], _perm[piv]) = (_perm[piv], _perm[k]);
            }
            double d = _lu[k, k];
            for (int i = k + 1; i < _n; i++)
            {
                double l = _lu[i, k] / d;
                _lu[i, k] = l;
                if (l == 0) continue;
                for (int j = k + 1; j < _n; j++) _lu[i, j] -= l * _lu[k, j];
            }
        }
    }

    /// <summary>Solves A·x = b in place.</summary>
    public void Solve(Span<double> b)
    {
        if (b.Length != _n) throw new ArgumentException($"right-hand side must have {_n} entries", nameof(b));
        var y = new double[_n];
        for (int i = 0; i < _n; i++) y[i] = b[_perm[i]];
        for (int i = 0; i < _n; i++)
            for (int j = 0; j < i; j++) y[i] -= _lu[i, j] * y[j];
        for (int i = _n - 1; i >= 0; i--)
        {
            for (int j = i + 1; j < _n; j++) y[i] -= _lu[i, j] * y[j];
            y[i] /= _lu[i, i];
        }
        y.CopyTo(b);
    }
}
