using System.Text.Json;
using Bmcnn.Cli;
using Bmcnn.Tests.Network.Data;

namespace Bmcnn.Tests.Cli;

public class BenchCommandTests
{
    [Fact]
    public void When_benching_a_small_tile_Expect_cold_process_times_and_a_warm_split_in_json()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BmcnnApp.Run(["bench", "solve", "--sizes", "4,8", "--repeat", "2", "--json"], output, error);
        Assert.True(code == 0, error.ToString());
        using var doc = JsonDocument.Parse(output.ToString());
        var sizes = doc.RootElement.GetProperty("sizes").EnumerateArray().ToList();
        Assert.Equal([4, 8], sizes.Select(s => s.GetProperty("n").GetInt32()));
        // 2N² crossing nodes plus N row drivers' nodes; branches: N drivers and N column sources.
        Assert.Equal(2 * 8, sizes[1].GetProperty("branches").GetInt32());
        foreach (var size in sizes)
        {
            // A cold .NET process cannot start, parse and solve in under a millisecond; zero would mean no child ran.
            Assert.InRange(size.GetProperty("wallMinSeconds").GetDouble(), 1e-3, 60);
            Assert.True(size.GetProperty("cpuMedianSeconds").GetDouble() > 1e-3);
            Assert.True(size.GetProperty("warmParseMs").GetDouble() > 0);
        }
        Assert.Contains("cores", doc.RootElement.GetProperty("machine").GetString());
    }

    [Theory]
    [InlineData("train")]
    [InlineData("energy")]
    public void When_a_single_program_bench_gets_one_missing_bmcnn_file_Expect_it_parsed_and_named_with_exit_2(string bench)
    {
        var error = new StringWriter();
        Assert.Equal(2, BmcnnApp.Run(["bench", bench, "--bmcnn", "/nonexistent/bmcnn"], new StringWriter(), error));
        Assert.Contains("'/nonexistent/bmcnn' not found", error.ToString());
    }

    [Fact]
    public void When_a_single_program_bench_gets_two_bmcnn_files_Expect_a_one_line_error()
    {
        var error = new StringWriter();
        Assert.NotEqual(0, BmcnnApp.Run(["bench", "train", "--bmcnn", "/a", "--bmcnn", "/b"], new StringWriter(), error));
        Assert.Contains("give --bmcnn once", error.ToString());
    }

    [Fact]
    public void When_bench_runs_as_dotnet_bmcnn_dll_Expect_it_times_the_same_dll_on_the_dotnet_host()
    {
        // Environment.ProcessPath is then the dotnet host, not bmcnn: the child must be `dotnet bmcnn.dll solve ...`.
        var dll = Path.Combine(AppContext.BaseDirectory, "bmcnn.dll");
        var run = Bmcnn.Bench.ChildProcess.Bmcnn(["bench", "solve", "--sizes", "4", "--repeat", "1", "--json"], keepOutput: true, program: dll);
        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        var size = doc.RootElement.GetProperty("sizes").EnumerateArray().Single();
        Assert.Equal(4, size.GetProperty("n").GetInt32());
        Assert.False(size.TryGetProperty("bmcnn", out _));
        Assert.True(size.GetProperty("cpuMedianSeconds").GetDouble() > 1e-3);
    }

    [Theory]
    [InlineData("--sizes", "0", "--sizes: '0'")]
    [InlineData("--sizes", "12x", "--sizes: '12x'")]
    [InlineData("--repeat", "0", "--repeat must be at least 1")]
    [InlineData("--bmcnn", "/nonexistent/bmcnn", "--bmcnn: '/nonexistent/bmcnn' not found")]
    public void When_bench_options_are_impossible_Expect_one_line_error(string option, string value, string message)
    {
        var error = new StringWriter();
        var code = BmcnnApp.Run(["bench", "solve", option, value], new StringWriter(), error);
        Assert.Equal(BmcnnApp.UserError, code);
        Assert.Contains(message, error.ToString());
        Assert.Single(error.ToString().Trim().Split('\n'));
    }

    [SkippableFact]
    public void When_benching_eval_on_a_subset_Expect_a_row_with_accuracy_and_no_verdict()
    {
        Skip.IfNot(MnistAvailability.Present(), "MNIST not found");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BmcnnApp.Run(["bench", "eval", "--modes", "software", "--repeat", "1", "--limit", "100"], output, error);
        Assert.True(code == 0, error.ToString());
        var row = output.ToString().Split('\n').Single(l => l.StartsWith("| software", StringComparison.Ordinal));
        Assert.Contains("| 100 |", row);
        Assert.Contains("(full test set only)", row);
        Assert.Matches(@"\| [0-9.]+% \|", row);
    }

    [SkippableFact]
    public void When_benching_train_on_a_subset_Expect_the_epoch_time_scaled_to_60k()
    {
        Skip.IfNot(MnistAvailability.Present(), "MNIST not found");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BmcnnApp.Run(["bench", "train", "--limit", "300"], output, error);
        Assert.True(code == 0, error.ToString());
        var row = output.ToString().Split('\n').Single(l => l.StartsWith("| `bmcnn train", StringComparison.Ordinal));
        Assert.Contains("--limit 300", row);
        Assert.Matches(@"per 60k: (met|missed)", row);
    }

    [SkippableFact]
    public void When_benching_energy_on_a_subset_Expect_pairs_with_ratios_and_no_verdict()
    {
        Skip.IfNot(MnistAvailability.Present(), "MNIST not found");
        var model = Path.Combine(Directory.CreateTempSubdirectory("bmcnn-bench-energy-").FullName, "small.bmcnn");
        Bmcnn.Network.Model.ModelFile.Save(Bmcnn.Tests.Network.Model.RandomNetworks.Lenet(41, c1: 4, c2: 8, f1: 24), model);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BmcnnApp.Run(["bench", "energy", "--repeat", "2", "--limit", "20", "--model", model], output, error);
        Assert.True(code == 0, error.ToString());
        var text = output.ToString();
        var pairs = text.Split('\n').Count(l => l.StartsWith("| 1 |", StringComparison.Ordinal) || l.StartsWith("| 2 |", StringComparison.Ordinal));
        Assert.Equal(2, pairs);
        Assert.Contains("| 2 | with first |", text);
        Assert.Matches(@"median ratio with/without --energy: CPU [0-9.]+×, wall [0-9.]+× on 20 images; target ≤ 1.5× " +
            @"\(full test set only\)", text);
        Directory.Delete(Path.GetDirectoryName(model)!, true);
    }

    [Fact]
    public void When_benching_an_unknown_mode_Expect_one_line_error()
    {
        var error = new StringWriter();
        var code = BmcnnApp.Run(["bench", "eval", "--modes", "analog"], new StringWriter(), error);
        Assert.Equal(BmcnnApp.UserError, code);
        Assert.Contains("--modes: 'analog'", error.ToString());
    }
}
