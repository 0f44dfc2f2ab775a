using Bmcnn.Cli;
using Bmcnn.Network.Model;
using Bmcnn.Tests.Network.Data;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Cli;

public sealed class DatasetCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bmcnn-cli-dataset-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = BmcnnApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string SaveModel(string name, string? dataset)
    {
        var model = ModelFileTests.RandomModel(1);
        if (dataset is not null)
        {
            model.Metadata[ModelDataset.MetadataKey] = dataset;
        }
        string path = Path.Combine(_dir, name);
        ModelFile.Save(model, path);
        return path;
    }

    private static void AssertRefused((int Code, string Output, string Error) run, params string[] parts)
    {
        Assert.Equal(BmcnnApp.UserError, run.Code);
        Assert.StartsWith("error: ", run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        foreach (var part in parts)
        {
            Assert.Contains(part, run.Error);
        }
    }

    [Fact]
    public void When_eval_on_folder_dataset_with_matching_record_Expect_it_runs()
    {
        string folder = DatasetSourceTests.WriteSet(_dir, "shapes", count: 12, rows: 28, cols: 28);
        string model = SaveModel("shapes.bmcnn", "shapes");
        var run = Run("eval", "--model", model, "--dataset", folder, "--json");
        Assert.True(run.Code == 0, run.Error);
        Assert.Contains("\"images\":12", run.Output);
    }

    [Theory]
    [InlineData("eval")]
    [InlineData("netlist")]
    [InlineData("crosscheck")]
    [InlineData("sweep")]
    public void When_model_without_record_meets_another_dataset_Expect_exit_2_naming_model_and_both_names(string command)
    {
        string folder = DatasetSourceTests.WriteSet(_dir, "shapes", count: 3, rows: 28, cols: 28);
        string model = SaveModel("old.bmcnn", null);
        string[] args = command switch
        {
            "eval" => ["eval", "--model", model, "--dataset", folder],
            "netlist" => ["netlist", "tile", "--model", model, "--dataset", folder, "--layer", "conv1", "--tile", "0", "--image", "0",
                "--out", Path.Combine(_dir, "t.cir")],
            "crosscheck" => ["crosscheck", "tiles", "--model", model, "--dataset", folder, "--no-ngspice"],
            _ => ["sweep", "--vary", "sigma-on", "--values", "0.1", "--trials", "1", "--model", model, "--dataset", folder,
                "--out", Path.Combine(_dir, "s.csv")],
        };
        AssertRefused(Run(args), model, "dataset mnist (no record, assumed)", "data is shapes");
        Assert.False(File.Exists(Path.Combine(_dir, "t.cir")));
        Assert.False(File.Exists(Path.Combine(_dir, "s.csv")));
    }

    [Fact]
    public void When_image_shape_differs_Expect_exit_2_naming_both_shapes()
    {
        string folder = DatasetSourceTests.WriteSet(_dir, "tiny", count: 3, rows: 3, cols: 3);
        string model = SaveModel("tiny.bmcnn", "tiny");
        AssertRefused(Run("eval", "--model", model, "--dataset", folder), model, "1×28×28", "1×3×3");
    }

    [Fact]
    public void When_dataset_is_unknown_Expect_exit_2()
    {
        AssertRefused(Run("eval", "--dataset", Path.Combine(_dir, "cifar")), "neither a known dataset");
    }

    [Fact]
    public void When_training_on_folder_dataset_Expect_model_records_it_and_evaluates_there()
    {
        string folder = DatasetSourceTests.WriteSet(_dir, "shapes", count: 60, rows: 28, cols: 28);
        string model = Path.Combine(_dir, "mlp.bmcnn");
        var train = Run("train", "--dataset", folder, "--arch", "mlp", "--widths", "16", "--epochs", "1", "--batch", "20", "--out", model);
        Assert.True(train.Code == 0, train.Error);
        var saved = ModelFile.Load(model);
        Assert.Equal("shapes", ModelDataset.NameOf(saved));
        Assert.Equal("mlp", saved.Arch);
        Assert.EndsWith(";dataset=shapes", saved.Metadata["train.settings"]);
        Assert.Equal(0, Run("eval", "--model", model, "--dataset", folder).Code);
        AssertRefused(Run("eval", "--model", model, "--data", folder), "dataset shapes", "data is mnist");
    }
}
