using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis.Stamps;

/// <summary>
/// The modified-nodal-analysis contribution of one element. A stamp declares its matrix entries, binds to their
/// value slots once (<see cref="CscMatrix.IndexOf"/>), and afterwards only adds values. Rows and columns are unknown
/// indices; −1 is ground and is skipped. Row equations read: currents leaving the node through elements = 0.
/// </summary>
internal abstract class Stamp
{
    /// <summary>The element this stamp loads.</summary>
    public abstract Element Element { get; }

    /// <summary>True when the stamp depends on the solution and must be reloaded every Newton iteration.</summary>
    public virtual bool IsNonlinear => false;

    /// <summary>Declares the matrix entries the stamp writes.</summary>
    public abstract void Declare(SparseMatrixBuilder pattern);

    /// <summary>Looks up the value slots of the declared entries.</summary>
    public abstract void Bind(CscMatrix matrix);

    /// <summary>
    /// Adds the solution-independent matrix values, and the right-hand side of independent sources at full value to
    /// <paramref name="sourceRhs"/> (scaled by the source factor at load time, for source stepping).
    /// </summary>
    public abstract void LoadLinear(double[] values, double[] sourceRhs);

    /// <summary>
    /// Adds the Newton companion model linearized at <paramref name="solution"/>; false when the element's value or
    /// derivative is not finite there (ln of a negative number, an overflowing exp).
    /// </summary>
    public virtual bool LoadNonlinear(double[] values, double[] rhs, ReadOnlySpan<double> solution) => true;

    /// <summary>True when the stamp stores charge: loaded by <see cref="LoadReactive"/> at every transient iteration.</summary>
    public virtual bool IsReactive => false;

    /// <summary>Adds the integrated companion model of a stored charge at <paramref name="solution"/> (transient mode).</summary>
    public virtual void LoadReactive(double[] values, double[] rhs, ReadOnlySpan<double> solution)
    {
    }

    /// <summary>
    /// Records the stored charge at the initial solution of a transient analysis (with <paramref name="useInitialConditions"/>,
    /// the element's own initial value where it has one).
    /// </summary>
    public virtual void InitializeState(ReadOnlySpan<double> solution, bool useInitialConditions)
    {
    }

    protected static void Declare(SparseMatrixBuilder pattern, int row, int col)
    {
        if (row >= 0 && col >= 0)
        {
            pattern.Entry(row, col);
        }
    }

    protected static int Slot(CscMatrix matrix, int row, int col)
    {
        if (row < 0 || col < 0)
        {
            return -1;
        }
        var slot = matrix.IndexOf(row, col);
        return slot >= 0 ? slot : throw new InvalidOperationException($"entry ({row},{col}) was not declared");
    }

    protected static void Add(double[] values, int slot, double value)
    {
        if (slot >= 0)
        {
            values[slot] += value;
        }
    }

    protected static void AddRhs(double[] rhs, int row, double value)
    {
        if (row >= 0)
        {
            rhs[row] += value;
        }
    }
}
