using Bmcnn.Cli;
using Bmcnn.Study.Csv;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Tests.Cli;

public sealed class SweepMergeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bmcnn-merge-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void When_shards_are_merged_on_the_command_line_Expect_sorted_file_summary_and_plot()
    {
        var a = Path.Combine(_folder, "a.csv");
        var b = Path.Combine(_folder, "b.csv");
        SweepCsv.Write(a, [new SweepRow("sigma", 1, "none", 1, 11, 0.5, 0.1), new SweepRow("sigma", 0, "none", 0, 10, 0.99, 0.1)]);
        SweepCsv.Write(b, [new SweepRow("sigma", 1, "none", 0, 12, 0.7, 0.1), new SweepRow("sigma", 0, "none", 1, 13, 0.98, 0.1)]);
        var all = Path.Combine(_folder, "all.csv");
        var png = Path.Combine(_folder, "all.png");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BmcnnApp.Run(["sweep", "merge", a, b, "--out", all, "--plot", png], output, error);
        Assert.True(code == 0, error.ToString());
        Assert.Equal(
            ["parameter,value,mitigation,trial,seed,accuracy,seconds", "sigma,0,none,0,10,0.99,0.1", "sigma,0,none,1,13,0.98,0.1",
             "sigma,1,none,0,12,0.7,0.1", "sigma,1,none,1,11,0.5,0.1"],
            File.ReadAllLines(all));
        Assert.Contains("merged 4 rows from 2 files", output.ToString());
        Assert.Contains("98.50", output.ToString());
        Assert.True(new FileInfo(png).Length > 1000);
    }

    [Fact]
    public void When_shards_have_pulse_sidecars_Expect_merged_sidecar_and_pulse_lines()
    {
        var a = Path.Combine(_folder, "a.csv");
        var b = Path.Combine(_folder, "b.csv");
        SweepCsv.Write(a, [new SweepRow("sigma", 0.5, "verify:0.1", 0, 20, 0.97, 0.1), new SweepRow("sigma", 0.5, "none", 0, 21, 0.9, 0.1)]);
        SweepCsv.Write(b, [new SweepRow("sigma", 0.5, "verify:0.1", 1, 22, 0.96, 0.1)]);
        PulseCsv.Write(PulseCsv.PathFor(a), [new PulseRow("sigma", 0.5, "verify:0.1", 0, 20, 300, 100)]);
        PulseCsv.Write(PulseCsv.PathFor(b), [new PulseRow("sigma", 0.5, "verify:0.1", 1, 22, 100, 100)]);
        var all = Path.Combine(_folder, "all.csv");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BmcnnApp.Run(["sweep", "merge", a, b, "--out", all], output, error);
        Assert.True(code == 0, error.ToString());
        Assert.Equal(
            ["parameter,value,mitigation,trial,seed,extra_pulses,devices", "sigma,0.5,verify:0.1,0,20,300,100", "sigma,0.5,verify:0.1,1,22,100,100"],
            File.ReadAllLines(Path.Combine(_folder, "all.pulses.csv")));
        Assert.Contains("verify:0.1 at 0.5: 2.000 extra programming pulses per device (mean of 2 trials)", output.ToString());
    }

    [Fact]
    public void When_a_shard_file_is_corrupt_Expect_exit_2_and_one_line_error()
    {
        var bad = Path.Combine(_folder, "bad.csv");
        File.WriteAllText(bad, "parameter,value\n");
        var error = new StringWriter();
        var code = BmcnnApp.Run(["sweep", "merge", bad, "--out", Path.Combine(_folder, "x.csv")], new StringWriter(), error);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error.ToString());
        Assert.Contains("bad.csv line 1: header", error.ToString());
        Assert.Single(error.ToString().Trim().Split('\n'));
    }
}
