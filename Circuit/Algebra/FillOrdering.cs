namespace Bmcnn.Circuit.Algebra;

/// <summary>Column ordering applied before the LU factorization to limit fill-in.</summary>
public enum FillOrdering
{
    /// <summary>
    /// AMD for small systems; for larger ones nested dissection, kept outright when its top-level separator is of
    /// order √n (crossbars and other grid-like circuits), otherwise compared with AMD and the one whose
    /// factorization needs fewer operations kept.
    /// </summary>
    Automatic,

    /// <summary>Keep the unknowns in their given order (useful for tests and tiny systems).</summary>
    Natural,

    /// <summary>Approximate minimum degree on the pattern of A+Aᵀ (Amestoy, Davis, Duff).</summary>
    Amd,

    /// <summary>Nested dissection with breadth-first level-set separators; AMD on small pieces.</summary>
    NestedDissection,
}
