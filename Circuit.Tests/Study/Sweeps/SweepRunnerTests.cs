using Bmcnn.Circuit;
using Bmcnn.Study.Csv;
using Bmcnn.Study.Statistics;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Tests.Study.Sweeps;

public sealed class SweepRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bmcnn-sweep-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SweepGrid Grid(int trials = 4, long seed = 7) => new(
        SweepParameter.Sigma, SweepParameter.Sigma.ParseValues("0,0.5,1"), Mitigation.ParseList("none,redundancy:3"), trials, seed);

    private string PathOf(string name) => Path.Combine(_folder, name);

    // Every byte but the seconds column (wall time): the raw text split at '\n' only, so line endings count too.
    private static string[] WithoutSeconds(string path) =>
        File.ReadAllText(path).Split('\n').Select(line => line.Length == 0 ? line : line[..line.LastIndexOf(',')]).ToArray();

    [Fact]
    public void When_same_sweep_runs_twice_Expect_identical_rows_whatever_the_parallelism()
    {
        new SweepRunner(new PrototypeCrossbarEvaluator(), 1).Run(Grid(), ShardSpec.All, PathOf("a.csv"), null, default);
        new SweepRunner(new PrototypeCrossbarEvaluator(), 4).Run(Grid(), ShardSpec.All, PathOf("b.csv"), null, default);
        Assert.Equal(WithoutSeconds(PathOf("a.csv")), WithoutSeconds(PathOf("b.csv")));
        Assert.Equal(1 + 3 * 2 * 4, File.ReadAllLines(PathOf("a.csv")).Length);
    }

    [Fact]
    public void When_variation_grows_Expect_accuracy_to_fall_so_the_evaluator_is_real()
    {
        var result = new SweepRunner(new PrototypeCrossbarEvaluator(), 2).Run(Grid(8), ShardSpec.All, PathOf("a.csv"), null, default);
        var summary = SweepSummary.Compute(result.Rows).Where(s => s.Mitigation == "none").ToArray();
        Assert.True(summary[0].Mean > summary[2].Mean + 0.05, $"σ=0 {summary[0].Mean} vs σ=1 {summary[2].Mean}");
        Assert.Equal(0, summary[0].StandardDeviation, 12); // σ = 0: every trial is the ideal network
    }

    [Fact]
    public void When_shards_are_merged_Expect_the_unsharded_file()
    {
        new SweepRunner(new PrototypeCrossbarEvaluator(), 2).Run(Grid(), ShardSpec.All, PathOf("all.csv"), null, default);
        var shards = new List<string>();
        for (int k = 1; k <= 3; k++)
        {
            var path = PathOf($"shard{k}.csv");
            new SweepRunner(new PrototypeCrossbarEvaluator(), 1).Run(Grid(), new ShardSpec(k, 3), path, null, default);
            shards.Add(path);
        }
        var merged = SweepMerge.Merge(shards);
        SweepCsv.Write(PathOf("merged.csv"), merged);
        Assert.Equal(WithoutSeconds(PathOf("all.csv")), WithoutSeconds(PathOf("merged.csv")));
    }

    [Fact]
    public void When_shards_partition_the_grid_Expect_each_cell_exactly_once()
    {
        var grid = Grid(5);
        var counts = new int[grid.Points.Count];
        for (int k = 1; k <= 4; k++)
        {
            foreach (var point in grid.Shard(new ShardSpec(k, 4)))
            {
                counts[point.Index]++;
            }
        }
        Assert.All(counts, c => Assert.Equal(1, c));
    }

    [Fact]
    public void When_a_run_is_interrupted_and_rerun_Expect_only_missing_rows_evaluated()
    {
        var path = PathOf("resume.csv");
        using var cancel = new CancellationTokenSource();
        var first = new PrototypeCrossbarEvaluator();
        var interrupted = new SweepRunner(first, 1).Run(Grid(), ShardSpec.All, path, p =>
        {
            if (p.Done == 5)
            {
                cancel.Cancel();
            }
        }, cancel.Token);
        Assert.True(interrupted.Cancelled);
        Assert.Equal(5, SweepCsv.Read(path).Count); // complete rows only, never a half-written file

        var second = new PrototypeCrossbarEvaluator();
        var resumed = new SweepRunner(second, 2).Run(Grid(), ShardSpec.All, path, null, default);
        Assert.Equal(5, resumed.Skipped);
        Assert.Equal(24 - 5, second.Calls);

        new SweepRunner(new PrototypeCrossbarEvaluator(), 2).Run(Grid(), ShardSpec.All, PathOf("fresh.csv"), null, default);
        Assert.Equal(WithoutSeconds(PathOf("fresh.csv")), WithoutSeconds(path));

        var third = new PrototypeCrossbarEvaluator();
        var again = new SweepRunner(third, 2).Run(Grid(), ShardSpec.All, path, null, default);
        Assert.Equal(0, third.Calls);
        Assert.Equal(24, again.Skipped);
    }

    [Fact]
    public void When_resuming_with_another_base_seed_Expect_a_one_line_refusal()
    {
        var path = PathOf("seeded.csv");
        new SweepRunner(new PrototypeCrossbarEvaluator(), 2).Run(Grid(2, seed: 1), ShardSpec.All, path, null, default);
        var ex = Assert.Throws<BmcnnException>(() =>
            new SweepRunner(new PrototypeCrossbarEvaluator(), 2).Run(Grid(2, seed: 2), ShardSpec.All, path, null, default));
        Assert.Contains("another --seed", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void When_shards_disagree_Expect_merge_to_refuse()
    {
        new SweepRunner(new PrototypeCrossbarEvaluator(), 2).Run(Grid(2, seed: 1), ShardSpec.All, PathOf("s1.csv"), null, default);
        new SweepRunner(new PrototypeCrossbarEvaluator(), 2).Run(Grid(2, seed: 2), ShardSpec.All, PathOf("s2.csv"), null, default);
        var ex = Assert.Throws<BmcnnException>(() => SweepMerge.Merge([PathOf("s1.csv"), PathOf("s2.csv")]));
        Assert.Contains("differs between", ex.Message);
    }

    private static SweepGrid VerifyGrid() => new(
        SweepParameter.Sigma, SweepParameter.Sigma.ParseValues("0,0.5"), Mitigation.ParseList("none,verify:0.2,verify:0.05"), 3, 11);

    [Fact]
    public void When_the_same_sweep_runs_twice_into_fresh_files_Expect_every_column_but_seconds_byte_identical_whatever_the_culture()
    {
        var first = new SweepRunner(new PrototypeCrossbarEvaluator(), 3).Run(VerifyGrid(), ShardSpec.All, PathOf("one.csv"), null, default);
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // A decimal-comma culture on the caller (it flows into the worker tasks) must not change a byte. Built by
            // hand: the runtime may be in globalization-invariant mode, without named cultures.
            var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            comma.NumberFormat.NegativeSign = "\u2212";
            System.Globalization.CultureInfo.CurrentCulture = comma;
            Assert.Equal("0,5", 0.5.ToString(System.Globalization.CultureInfo.CurrentCulture));
            new SweepRunner(new PrototypeCrossbarEvaluator(), 1).Run(VerifyGrid(), ShardSpec.All, PathOf("two.csv"), null, default);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
        Assert.Equal(WithoutSeconds(PathOf("one.csv")), WithoutSeconds(PathOf("two.csv")));
        Assert.Equal(File.ReadAllBytes(PulseCsv.PathFor(PathOf("one.csv"))), File.ReadAllBytes(PulseCsv.PathFor(PathOf("two.csv"))));
        Assert.Equal(2 * 3 * 3, first.Rows.Count);
        Assert.Contains("\nsigma,0.5,verify:0.05,2,", File.ReadAllText(PathOf("two.csv")), StringComparison.Ordinal);
        // seconds stays a measurement: a non-negative number on every row.
        Assert.All(SweepCsv.Read(PathOf("two.csv")), r => Assert.True(r.Seconds >= 0));
    }

    [Fact]
    public void When_a_verify_sweep_is_interrupted_and_resumed_Expect_pulse_counts_for_every_row()
    {
        var fresh = new SweepRunner(new PrototypeCrossbarEvaluator(), 2).Run(VerifyGrid(), ShardSpec.All, PathOf("fresh.csv"), null, default);
        Assert.Equal(2 * 2 * 3, fresh.Pulses.Count); // every verify row, σ = 0 included (no pulses there)
        Assert.All(fresh.Pulses.Where(p => p.Value == 0), p => Assert.Equal(0, p.ExtraPulses));
        Assert.All(fresh.Pulses.Where(p => p.Value == 0.5), p => Assert.True(p.ExtraPulses > 0));
        var pulses = PulseCsv.Read(PulseCsv.PathFor(PathOf("fresh.csv")));
        Assert.Equal(fresh.Pulses, pulses);
        Assert.Equal(string.Join(",", PulseCsv.Header), File.ReadLines(PulseCsv.PathFor(PathOf("fresh.csv"))).First());

        var path = PathOf("resume.csv");
        using var cancel = new CancellationTokenSource();
        var interrupted = new SweepRunner(new PrototypeCrossbarEvaluator(), 1).Run(VerifyGrid(), ShardSpec.All, path, p =>
        {
            if (p.Done == 13)
            {
                cancel.Cancel();
            }
        }, cancel.Token);
        Assert.True(interrupted.Cancelled);
        var second = new PrototypeCrossbarEvaluator();
        var resumed = new SweepRunner(second, 2).Run(VerifyGrid(), ShardSpec.All, path, null, default);
        Assert.Equal(18 - 13, second.Calls);
        Assert.Equal(fresh.Pulses, resumed.Pulses); // including the rows run before the interruption
        Assert.Equal(File.ReadAllBytes(PulseCsv.PathFor(PathOf("fresh.csv"))), File.ReadAllBytes(PulseCsv.PathFor(path)));

        var third = new SweepRunner(new PrototypeCrossbarEvaluator(), 2).Run(VerifyGrid(), ShardSpec.All, path, null, default);
        Assert.Equal(0, third.Ran);
        Assert.Equal(fresh.Pulses, third.Pulses);
        Assert.Contains(PulseCsv.Format(third.Pulses), line => line.StartsWith("verify:0.05 at 0.5: ", StringComparison.Ordinal) && line.EndsWith("(mean of 3 trials)", StringComparison.Ordinal));
    }

    [Fact]
    public void When_verify_shards_are_merged_Expect_the_unsharded_csv_and_pulse_sidecar()
    {
        new SweepRunner(new PrototypeCrossbarEvaluator(), 2).Run(VerifyGrid(), ShardSpec.All, PathOf("all.csv"), null, default);
        var shards = new List<string>();
        for (int k = 1; k <= 4; k++)
        {
            var path = PathOf($"shard{k}.csv");
            new SweepRunner(new PrototypeCrossbarEvaluator(), 1).Run(VerifyGrid(), new ShardSpec(k, 4), path, null, default);
            shards.Add(path);
        }
        var merged = SweepMerge.Merge(shards);
        SweepCsv.Write(PathOf("merged.csv"), merged);
        PulseCsv.Write(PulseCsv.PathFor(PathOf("merged.csv")), SweepMerge.MergePulses(shards, merged));
        Assert.Equal(WithoutSeconds(PathOf("all.csv")), WithoutSeconds(PathOf("merged.csv")));
        Assert.Equal(File.ReadAllBytes(PulseCsv.PathFor(PathOf("all.csv"))), File.ReadAllBytes(PulseCsv.PathFor(PathOf("merged.csv"))));
    }

    [Fact]
    public void When_a_sidecar_holds_trials_the_csv_lacks_Expect_them_dropped()
    {
        var path = PathOf("s.csv");
        var result = new SweepRunner(new PrototypeCrossbarEvaluator(), 2).Run(VerifyGrid(), ShardSpec.All, path, null, default);
        var stale = result.Pulses[0] with { Trial = 99 };
        var otherSeed = result.Pulses[1] with { Seed = 5 };
        PulseCsv.Write(PulseCsv.PathFor(path), [stale, otherSeed, .. result.Pulses.Skip(2)]);
        var read = PulseCsv.ReadFor(path, result.Rows);
        Assert.Equal(result.Pulses.Skip(2), read);
    }
}
