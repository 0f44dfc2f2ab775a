using Bmcnn.Study.Csv;

namespace Bmcnn.Study.Sweeps;

/// <summary>What a sweep run did.</summary>
/// <param name="Rows">Every row now in the CSV, canonical order.</param>
/// <param name="Ran">Trials run by this invocation.</param>
/// <param name="Skipped">Trials of this shard already in the CSV (resumed).</param>
/// <param name="Cancelled">True when the run stopped early (Ctrl-C); the CSV holds every finished trial.</param>
/// <param name="Pulses">Program-and-verify pulse counts of every row in the CSV that counted them (run now or resumed from
/// the sidecar <see cref="PulseCsv"/>), canonical order.</param>
public sealed record SweepRunResult(
    IReadOnlyList<SweepRow> Rows, int Ran, int Skipped, bool Cancelled, IReadOnlyList<PulseRow> Pulses);
