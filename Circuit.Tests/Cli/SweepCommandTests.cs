using Bmcnn.Cli;
using Bmcnn.Network.Model;
using Bmcnn.Tests.Network.Data;
using Bmcnn.Tests.Study.Sweeps;

namespace Bmcnn.Tests.Cli;

public sealed class SweepCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bmcnn-sweepcli-").FullName;
    private readonly string _model;

    public SweepCommandTests()
    {
        _model = Path.Combine(_folder, "tiny.bmcnn");
        ModelFile.Save(StudyNetworks.Lenet(21), _model);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BmcnnApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string[] Sweep(string data, string csv, params string[] extra) =>
        ["sweep", "--model", _model, "--data", data, "--limit", "40", "--vary", "sigma", "--values", "0,0.6", "--trials", "2",
         "--mitigation", "none,redundancy:2", "--jobs", "2", "--out", Path.Combine(_folder, csv), .. extra];

    private string[] WithoutSeconds(string csv) =>
        File.ReadAllLines(Path.Combine(_folder, csv)).Select(line => line[..line.LastIndexOf(',')]).ToArray();

    [SkippableFact]
    public void When_the_same_sweep_runs_twice_and_in_shards_Expect_identical_csv_and_resume_skips_rows()
    {
        var data = MnistAvailability.Folder();
        Skip.If(data is null, "MNIST not found (BMCNN_DATA, ./data/mnist, ../shared/data/mnist)");
        var first = Run(Sweep(data, "a.csv", "--plot", Path.Combine(_folder, "a.png")));
        Assert.True(first.Code == 0, first.Error);
        Assert.Contains("8 rows (8 run now, 0 already there)", first.Output);
        Assert.True(File.Exists(Path.Combine(_folder, "a.png")));
        Assert.Equal(0, Run(Sweep(data, "b.csv")).Code);
        Assert.Equal(WithoutSeconds("a.csv"), WithoutSeconds("b.csv"));
        Assert.Equal("parameter,value,mitigation,trial,seed,accuracy,seconds", File.ReadLines(Path.Combine(_folder, "a.csv")).First());

        Assert.Equal(0, Run(Sweep(data, "s1.csv", "--shard", "1/3")).Code);
        Assert.Equal(0, Run(Sweep(data, "s2.csv", "--shard", "2/3")).Code);
        Assert.Equal(0, Run(Sweep(data, "s3.csv", "--shard", "3/3")).Code);
        var merge = Run("sweep", "merge", Path.Combine(_folder, "s1.csv"), Path.Combine(_folder, "s2.csv"), Path.Combine(_folder, "s3.csv"),
            "--out", Path.Combine(_folder, "merged.csv"));
        Assert.True(merge.Code == 0, merge.Error);
        Assert.Equal(WithoutSeconds("a.csv"), WithoutSeconds("merged.csv"));

        var again = Run(Sweep(data, "a.csv"));
        Assert.Contains("8 rows (0 run now, 8 already there)", again.Output);

        // One row alone: trial 1 of redundancy:2 at σ = 0.6 reproduces its line of the full run.
        var alone = Run(["sweep", "--model", _model, "--data", data, "--limit", "40", "--vary", "sigma", "--values", "0.6", "--trials", "1",
            "--first-trial", "1", "--mitigation", "redundancy:2", "--out", Path.Combine(_folder, "alone.csv")]);
        Assert.True(alone.Code == 0, alone.Error);
        Assert.Contains(WithoutSeconds("alone.csv")[1], WithoutSeconds("a.csv"));
    }

    [SkippableFact]
    public void When_calibrate_and_verify_run_Expect_rows_and_pulse_report()
    {
        var data = MnistAvailability.Folder();
        Skip.If(data is null, "MNIST not found");
        var result = Run(["sweep", "--model", _model, "--data", data, "--limit", "30", "--vary", "sigma", "--values", "0.4", "--trials", "1",
            "--mitigation", "calibrate:20,verify:0.2,vat", "--vat-model", _model, "--out", Path.Combine(_folder, "m.csv")]);
        Assert.True(result.Code == 0, result.Error);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(_folder, "m.csv")).Length);
        Assert.Contains("verify:0.2 at 0.4:", result.Output);
        Assert.Contains("extra programming pulses per device", result.Output);
        Assert.True(File.Exists(Path.Combine(_folder, "m.pulses.csv")));

        // Resumed: nothing runs, and the pulse counts still come back from the sidecar.
        var again = Run(["sweep", "--model", _model, "--data", data, "--limit", "30", "--vary", "sigma", "--values", "0.4", "--trials", "1",
            "--mitigation", "calibrate:20,verify:0.2,vat", "--vat-model", _model, "--out", Path.Combine(_folder, "m.csv")]);
        Assert.True(again.Code == 0, again.Error);
        Assert.Contains("(0 run now, 3 already there)", again.Output);
        Assert.Contains("verify:0.2 at 0.4:", again.Output);
    }

    [Theory]
    [InlineData("--mitigation", "redundancy:zero", "--mitigation: 'redundancy:zero'")]
    [InlineData("--vary", "temperature", "--vary: unknown parameter 'temperature'")]
    [InlineData("--shard", "5/2", "--shard: '5/2'")]
    [InlineData("--mode", "spice", "--mode: unknown mode 'spice'")]
    public void When_an_option_is_wrong_Expect_exit_2_and_a_one_line_error(string option, string value, string expected)
    {
        var args = new List<string> { "sweep", "--vary", "sigma", "--values", "0", "--out", Path.Combine(_folder, "x.csv"), "--model", _model };
        var i = args.IndexOf(option);
        if (i >= 0)
        {
            args[i + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }
        var result = Run([.. args]);
        Assert.Equal(2, result.Code);
        Assert.Contains(expected, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }
}
