namespace Bmcnn.Mapping.Analog;

/// <summary>
/// What <see cref="SinhBlockCheck"/> found: the largest relative deviation of any column current of the blocked chain
/// solver from each per-vector reference, the predictions of the blocked and the per-vector circuit mode, and the CPU
/// seconds of each path measured in the same process (one thread).
/// </summary>
/// <param name="Images">Images checked.</param>
/// <param name="TileVectors">Tile input vectors compared with the per-vector chain Newton (all-zero vectors skipped).</param>
/// <param name="WorstVsChain">Largest relative column-current deviation from the per-vector chain Newton.</param>
/// <param name="SparseVectors">Tile input vectors also compared with the engine's sparse Newton (0: not run).</param>
/// <param name="WorstVsSparse">Largest relative column-current deviation from the engine's sparse Newton (NaN: not run).</param>
/// <param name="BlockedSeconds">CPU seconds of the blocked tile solves.</param>
/// <param name="ChainSeconds">CPU seconds of the per-vector chain tile solves.</param>
/// <param name="SparseSeconds">CPU seconds of the sparse Newton tile solves (including each tile's netlist compile).</param>
/// <param name="BlockedPredictions">Predictions of circuit mode with the blocked solver.</param>
/// <param name="PerVectorPredictions">Predictions of circuit mode solving one vector at a time.</param>
/// <param name="BlockedEvalSeconds">CPU seconds of the blocked circuit-mode inference of the images.</param>
/// <param name="PerVectorEvalSeconds">CPU seconds of the per-vector circuit-mode inference of the images.</param>
public sealed record SinhBlockCheckReport(
    int Images,
    long TileVectors,
    double WorstVsChain,
    long SparseVectors,
    double WorstVsSparse,
    double BlockedSeconds,
    double ChainSeconds,
    double SparseSeconds,
    int[] BlockedPredictions,
    int[] PerVectorPredictions,
    double BlockedEvalSeconds,
    double PerVectorEvalSeconds)
{
    /// <summary>
    /// Largest relative column-current deviation of the blocked solver from the per-vector chain Newton converged to
    /// <see cref="SinhBlockCheck.ConvergedTolerance"/> (the judge of the check; NaN when not computed).
    /// </summary>
    public double WorstVsConverged { get; init; } = double.NaN;

    /// <summary>Largest relative deviation of the per-vector chain Newton at its default tolerance from the converged one.</summary>
    public double ChainVsConverged { get; init; } = double.NaN;

    /// <summary>Whether the blocked and per-vector predictions are identical.</summary>
    public bool PredictionsEqual => BlockedPredictions.AsSpan().SequenceEqual(PerVectorPredictions);
}
