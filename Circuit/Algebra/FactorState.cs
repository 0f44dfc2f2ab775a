namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// Where a <see cref="SparseLu"/> stands between its stages: whether factors are available, of which kind, and whether
/// the L/U patterns are still the symbolic ones (diagonal pivots, so the supernodes and the two-thread plan of the
/// <see cref="SymbolicAnalysis"/> apply). <see cref="SparseLu.Factor"/> dispatches on it alone.
/// </summary>
internal enum FactorState
{
    /// <summary>Symbolic patterns, nothing factored yet: the next factorization tries the diagonal pivots first.</summary>
    Analysed,

    /// <summary>L·D·Lᵀ factors on the symbolic patterns (U = D·Lᵀ implied).</summary>
    SymmetricFactored,

    /// <summary>LU factors on the symbolic patterns with the diagonal pivots.</summary>
    DiagonalFactored,

    /// <summary>LU factors on the patterns and pivot sequence of a pivot search.</summary>
    PivotedFactored,

    /// <summary>Diagonal-pivot factors discarded (<see cref="SparseLu.ResetPivots"/>): the next factorization searches pivots.</summary>
    DiagonalDiscarded,

    /// <summary>No factors on the patterns of a pivot search (discarded, or the search failed): the next one searches again.</summary>
    PivotedDiscarded,
}
