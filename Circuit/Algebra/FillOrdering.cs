namespace Bmcnn.Circuit.Algebra;

/// <summary>Column ordering applied before the LU factorization to limit fill-in.</summary>
public enum FillOrdering
{
    /// <summary>Keep the unknowns in their given order (useful for tests and tiny systems).</summary>
    Natural,

    /// <summary>Approximate minimum degree on the pattern of A+Aᵀ (Amestoy, Davis, Duff).</summary>
    Amd,
}
