using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// The numeric factors P·A·Q = L·U (or L·D·Lᵀ) and the workspaces of the stages that compute and use them. L has a
/// unit diagonal (not stored) and U its diagonal in <see cref="Diagonal"/>, both by columns with row indices in step
/// numbering. The patterns start as the symbolic ones; a pivot search rewrites them (and may grow them) in place.
/// </summary>
internal sealed class LuFactors
{
    /// <summary>Allocates the factors on the symbolic patterns, with the diagonal pivots in place.</summary>
    public LuFactors(int[] columnOrder, int[] lp, int[] li, int[] up, int[] ui)
    {
        int n = columnOrder.Length;
        ColumnOrder = columnOrder;
        Lp = lp;
        Li = li;
        Up = up;
        Ui = ui;
        // Every value a factorization reads it has written first; uninitialized arrays spare a cold process the page
        // faults of zeroing megabytes it is about to overwrite.
        Lx = GC.AllocateUninitializedArray<double>(li.Length);
        PivotStep = new int[n];
        PivotRow = new int[n];
        for (int k = 0; k < n; k++)
        {
            PivotRow[k] = columnOrder[k];
            PivotStep[columnOrder[k]] = k;
        }
        Diagonal = new double[n];
        RowScale = new double[n];
        StepScale = new double[n];
        Work = new double[n];
        RunValues = new double[n];
    }

    /// <summary>Step k eliminates unknown (column) ColumnOrder[k].</summary>
    public readonly int[] ColumnOrder;

    /// <summary>Column pointers and (step-numbered) row indices of L, column pointers and step indices of U.</summary>
    public int[] Lp, Li, Up, Ui;

    /// <summary>Values of L below the unit diagonal.</summary>
    public double[] Lx;

    /// <summary>U values: allocated on the first LU factorization (an L·D·Lᵀ never needs them).</summary>
    public double[]? Ux;

    /// <summary>The pivots: the diagonal of U, or D of an L·D·Lᵀ.</summary>
    public readonly double[] Diagonal;

    /// <summary>Row -> step at which it was pivotal (-1 while not yet pivotal during a pivot search).</summary>
    public readonly int[] PivotStep;

    /// <summary>Step -> pivot row.</summary>
    public readonly int[] PivotRow;

    /// <summary>1 / (largest magnitude) of each row of A.</summary>
    public readonly double[] RowScale;

    /// <summary>The row scale by step: StepScale[k] = RowScale[PivotRow[k]].</summary>
    public readonly double[] StepScale;

    /// <summary>The dense column of the kernels and the solves' permuted vector: zero between uses.</summary>
    public readonly double[] Work;

    /// <summary>The U entries of a supernode run during an update: zero-free scratch.</summary>
    public readonly double[] RunValues;

    /// <summary>During an L·D·Lᵀ, the position in each L column of the row being computed.</summary>
    public int[]? Next;

    /// <summary>The second thread's Work and RunValues, allocated by the first two-thread factorization.</summary>
    public (double[] X, double[] Run)? SecondWorkspace;

    /// <summary>Matrix dimension.</summary>
    public int Size => ColumnOrder.Length;

    /// <summary>Allocates the U values on first use.</summary>
    [MemberNotNull(nameof(Ux))]
    public void EnsureUpperValues() => Ux ??= GC.AllocateUninitializedArray<double>(Ui.Length);

    /// <summary>
    /// 1 / (largest magnitude in each row): pivots are judged on the row-scaled matrix, as in KLU, so that a
    /// branch-current row with unit entries does not outweigh a node row measured in siemens.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ScaleRows(CscMatrix a)
    {
        var rowInv = RowScale;
        Array.Clear(rowInv);
        var rows = a.RowIndices;
        var values = a.Values;
        for (int p = 0; p < rows.Length; p++)
        {
            double v = Math.Abs(values[p]);
            if (v > rowInv[rows[p]]) rowInv[rows[p]] = v;
        }
        for (int i = 0; i < rowInv.Length; i++) rowInv[i] = rowInv[i] > 0 && !double.IsInfinity(rowInv[i]) ? 1 / rowInv[i] : 1;
    }
}
