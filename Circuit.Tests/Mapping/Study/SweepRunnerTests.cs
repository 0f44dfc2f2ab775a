using Bmcnn.Circuit;
using Bmcnn.Mapping.Study;

namespace Bmcnn.Tests.Mapping.Study;

public sealed class SweepRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bmcnn-sweep-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SweepGrid Grid(int trials = 4, long seed = 7) => new(
        SweepParameter.Sigma, SweepParameter.Sigma.ParseValues("0,0.5,1"), Mitigation.ParseList("none,redundancy:3"), trials, seed);

    private string PathOf(string name) => Path.Combine(_folder, name);

    // Every column but seconds, which is wall time.
    private static string[] WithoutSeconds(string path) =>
        File.ReadAllLines(path).Select(line => line[..line.LastIndexOf(',')]).ToArray();

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
}
