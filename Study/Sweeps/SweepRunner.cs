using System.Diagnostics;
using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Study.Csv;

namespace Bmcnn.Study.Sweeps;

/// <summary>
/// Runs the cells of a sweep grid in parallel and keeps the CSV current: after every finished trial the whole file
/// is rewritten (canonical order) through a temporary file and a rename, so a crash or Ctrl-C loses at most the
/// trials in flight, and a rerun with the same output skips every row already there. Program-and-verify pulse counts
/// go to the sidecar <see cref="PulseCsv"/> the same way, so resumed rows keep them. Results never depend on the
/// thread schedule: each trial draws only from its own derived seed.
/// </summary>
public sealed class SweepRunner
{
    private readonly ITrialEvaluator _evaluator;
    private readonly int _parallelism;

    /// <summary>Creates a runner over <paramref name="evaluator"/> with at most <paramref name="parallelism"/> trials at once.</summary>
    public SweepRunner(ITrialEvaluator evaluator, int parallelism)
    {
        _evaluator = evaluator;
        _parallelism = Math.Max(1, parallelism);
    }

    /// <summary>Rows of <paramref name="outPath"/> that a run of <paramref name="grid"/> can reuse, checked for a consistent seed.</summary>
    /// <exception cref="BmcnnException">The file belongs to another parameter or another base seed.</exception>
    public static IReadOnlyList<SweepRow> ReadExisting(string outPath, SweepGrid grid)
    {
        if (!File.Exists(outPath))
        {
            return [];
        }
        var rows = SweepCsv.Read(outPath);
        var byKey = grid.Points.ToDictionary(p => p.Key);
        foreach (var row in rows)
        {
            if (row.Parameter != grid.Parameter.Name)
            {
                throw new BmcnnException(
                    $"{outPath}: holds a sweep of '{row.Parameter}', not '{grid.Parameter.Name}'; use another --out");
            }
            if (byKey.TryGetValue(row.Key, out var point) && point.Seed != row.Seed)
            {
                throw new BmcnnException(
                    $"{outPath}: row {row.Parameter}={row.Value.ToString("R", CultureInfo.InvariantCulture)} {row.Mitigation} trial {row.Trial} " +
                    $"has seed {row.Seed}, this run derives {point.Seed} (another --seed?); use another --out");
            }
        }
        return rows;
    }

    /// <summary>Runs the shard's cells missing from <paramref name="outPath"/>, writing the CSV after each one.</summary>
    public SweepRunResult Run(SweepGrid grid, ShardSpec shard, string outPath, Action<SweepProgress>? progress, CancellationToken cancellation)
    {
        var existing = ReadExisting(outPath, grid);
        var rows = existing.ToDictionary(r => r.Key);
        var mine = grid.Shard(shard);
        var pending = mine.Where(p => !rows.ContainsKey(p.Key)).ToArray();
        var skipped = mine.Count - pending.Length;
        var pulsePath = PulseCsv.PathFor(outPath);
        var pulses = PulseCsv.ReadFor(outPath, rows.Values).ToDictionary(p => p.Key);
        var gate = new object();
        int done = 0;
        bool cancelled = false;
        if (existing.Count == 0 || pending.Length > 0)
        {
            // Write once up front so the output exists (header only) even before the first trial ends.
            SweepCsv.Write(outPath, rows.Values);
        }
        if (File.Exists(pulsePath) && pending.Length > 0)
        {
            // Drop sidecar lines of trials the CSV does not hold (a stale or foreign sidecar).
            PulseCsv.Write(pulsePath, pulses.Values);
        }
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellation };
            // NoBuffering hands out cells one at a time in grid order, so early rows finish first.
            var source = System.Collections.Concurrent.Partitioner.Create(pending,
                System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering);
            Parallel.ForEach(source, options, point =>
            {
                var clock = Stopwatch.StartNew();
                var outcome = _evaluator.Evaluate(point, cancellation);
                var seconds = Math.Round(clock.Elapsed.TotalSeconds, 4);
                if (!(outcome.Accuracy is >= 0 and <= 1))
                {
                    throw new InvalidOperationException($"evaluator returned accuracy {outcome.Accuracy} for trial {point.Key}");
                }
                var row = new SweepRow(point.Parameter.Name, point.Value, point.Mitigation.Text, point.Trial, point.Seed, outcome.Accuracy, seconds,
                    outcome.EnergyJ);
                lock (gate)
                {
                    if (outcome.Devices > 0)
                    {
                        // The sidecar first: a crash between the two writes then leaves pulses for a row the CSV
                        // lacks (rerun and overwritten), never a CSV row whose pulses are lost.
                        pulses[row.Key] = new PulseRow(row.Parameter, row.Value, row.Mitigation, row.Trial, row.Seed, outcome.ExtraPulses,
                            outcome.Devices);
                        PulseCsv.Write(pulsePath, pulses.Values);
                    }
                    rows[row.Key] = row;
                    SweepCsv.Write(outPath, rows.Values);
                    done++;
                    progress?.Invoke(new SweepProgress(done, pending.Length, point, row));
                }
            });
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException) && cancellation.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count >= 1)
        {
            // Rethrow the first real failure as itself, so user mistakes keep their one-line message.
            var first = ex.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? ex.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }
        return new SweepRunResult(rows.Values.OrderBy(r => r.Key).ToArray(), done, skipped, cancelled,
            pulses.Values.OrderBy(p => p.Key).ToArray());
    }
}
