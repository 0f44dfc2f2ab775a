namespace Bmcnn.Mapping.Study;

/// <summary>What a sweep run did.</summary>
/// <param name="Rows">Every row now in the CSV, canonical order.</param>
/// <param name="Ran">Trials run by this invocation.</param>
/// <param name="Skipped">Trials of this shard already in the CSV (resumed).</param>
/// <param name="Cancelled">True when the run stopped early (Ctrl-C); the CSV holds every finished trial.</param>
/// <param name="Outcomes">Outcomes of the trials run by this invocation, with their programming pulse counts.</param>
public sealed record SweepRunResult(
    IReadOnlyList<SweepRow> Rows, int Ran, int Skipped, bool Cancelled, IReadOnlyDictionary<SweepKey, TrialOutcome> Outcomes);
