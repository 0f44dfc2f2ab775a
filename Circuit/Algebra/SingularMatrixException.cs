namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// The matrix is singular (structurally or numerically): no usable pivot exists for <see cref="Column"/>, an index of
/// the original, unpermuted unknowns, so the engine can name the node or branch at fault.
/// </summary>
public sealed class SingularMatrixException : BmcnnException
{
    /// <summary>Creates the exception for the unknown whose column has no usable pivot.</summary>
    public SingularMatrixException(int column, string message) : base(message)
    {
        Column = column;
    }

    /// <summary>Index of the unknown (original column) that has no usable pivot.</summary>
    public int Column { get; }
}
