using Bmcnn.Cli;
using Bmcnn.Network.Model;
using Bmcnn.Tests.Network.Data;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Cli;

public sealed class TrainEvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bmcnn-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [SkippableFact]
    public void When_eval_json_with_model_Expect_object_with_accuracy_and_predictions_csv()
    {
        Skip.IfNot(MnistAvailability.Present(), "MNIST not found");
        string model = Path.Combine(_dir, "m.bmcnn");
        ModelFile.Save(ModelFileTests.RandomModel(1), model);
        string csv = Path.Combine(_dir, "p.csv");
        var output = new StringWriter();
        var error = new StringWriter();
        int code = BmcnnApp.Run(["eval", "--mode", "software", "--model", model, "--limit", "40", "--json", "--predictions", csv], output, error);
        Assert.True(code == 0, error.ToString());
        using var doc = System.Text.Json.JsonDocument.Parse(output.ToString());
        var root = doc.RootElement;
        Assert.Equal("software", root.GetProperty("mode").GetString());
        Assert.Equal(40, root.GetProperty("images").GetInt32());
        int correct = root.GetProperty("correct").GetInt32();
        Assert.Equal(correct / 40.0, root.GetProperty("accuracy").GetDouble(), 9);
        Assert.True(root.GetProperty("seconds").GetDouble() >= 0);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("index,label,predicted", lines[0]);
        Assert.Equal(41, lines.Length);
        Assert.Equal(correct, lines.Skip(1).Count(l => l.Split(',')[1] == l.Split(',')[2]));
    }

    [Fact]
    public void When_eval_model_file_is_corrupt_Expect_exit_2_and_one_line_error()
    {
        string model = Path.Combine(_dir, "bad.bmcnn");
        File.WriteAllText(model, "{\"format\": \"bmcnn-model\", \"version\": 1");
        var error = new StringWriter();
        int code = BmcnnApp.Run(["eval", "--model", model, "--limit", "5"], new StringWriter(), error);
        Assert.Equal(BmcnnApp.UserError, code);
        Assert.StartsWith("error: ", error.ToString());
        Assert.Contains("bad.bmcnn", error.ToString());
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
    }

    [Fact]
    public void When_eval_mode_unknown_Expect_user_error()
    {
        var error = new StringWriter();
        int code = BmcnnApp.Run(["eval", "--mode", "quantum"], new StringWriter(), error);
        Assert.Equal(BmcnnApp.UserError, code);
        Assert.Contains("quantum", error.ToString());
    }

    [SkippableFact]
    public void When_train_tiny_run_Expect_model_file_that_eval_reads()
    {
        Skip.IfNot(MnistAvailability.Present(), "MNIST not found");
        string model = Path.Combine(_dir, "t.bmcnn");
        var output = new StringWriter();
        var error = new StringWriter();
        int code = BmcnnApp.Run(["train", "--arch", "lenet", "--widths", "4,8,16", "--epochs", "1", "--seed", "2", "--limit", "300",
            "--test-limit", "100", "--out", model], output, error);
        Assert.True(code == 0, error.ToString());
        Assert.Contains("epoch 1/1 done", output.ToString());
        var loaded = ModelFile.Load(model);
        Assert.Equal("1", loaded.Metadata["train.epochs.done"]);
        Assert.Contains("--limit 300", loaded.Metadata["train.command"]);
        Assert.True(File.Exists(model + ".ckpt"));
    }
}
