using System.CommandLine;
using Bmcnn.Network.Data;
using Bmcnn.Network.Model;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// The image options of every command that reads images: <c>--dataset mnist|fashion-mnist|PATH</c> (default mnist)
/// and <c>--data FOLDER</c>, where the named dataset is (overriding its lookup). Models are checked against the
/// dataset's name and image shape before any work (<see cref="ModelDataset"/>).
/// </summary>
internal sealed class DatasetOptions
{
    private readonly Option<string?> _dataset = new("--dataset")
    {
        Description = "images: mnist (default), fashion-mnist, or a folder of IDX files named like MNIST's",
    };
    private readonly Option<string?> _data;

    /// <summary>Creates the options; <paramref name="dataDescription"/> describes <c>--data</c>.</summary>
    public DatasetOptions(string dataDescription = "folder of the named dataset (default: its usual places)") =>
        _data = CommonOptions.Data(dataDescription);

    /// <summary>The <c>--data</c> option (for commands that pass it on).</summary>
    public Option<string?> Data => _data;

    /// <summary>The <c>--dataset</c> option (for commands that pass it on).</summary>
    public Option<string?> Dataset => _dataset;

    /// <summary>Adds both options to <paramref name="command"/> and returns this.</summary>
    public DatasetOptions AddTo(Command command)
    {
        command.Options.Add(_dataset);
        command.Options.Add(_data);
        return this;
    }

    /// <summary>Finds the dataset the options name.</summary>
    public DatasetSource Resolve(ParseResult parse, TextWriter? progress) =>
        DatasetSource.Resolve(parse.GetValue(_dataset), parse.GetValue(_data), progress: progress);

    /// <summary>
    /// Loads the test images after checking that each of <paramref name="models"/> (label, model) was made for this
    /// dataset and image shape.
    /// </summary>
    public MnistSet Test(ParseResult parse, TextWriter? progress, params (string Label, BnnModel Model)[] models) =>
        Test(Resolve(parse, progress), models);

    /// <summary>Loads the test images of <paramref name="source"/>, checking <paramref name="models"/> first.</summary>
    public static MnistSet Test(DatasetSource source, params (string Label, BnnModel Model)[] models)
    {
        var test = source.LoadTest();
        Check(source, test, models);
        return test;
    }

    /// <summary>Refuses any of <paramref name="models"/> made for another dataset name or image shape.</summary>
    public static void Check(DatasetSource source, MnistSet images, params (string Label, BnnModel Model)[] models)
    {
        var shape = new TensorShape(images.Rows, images.Cols, 1);
        foreach (var (label, model) in models)
        {
            ModelDataset.EnsureMatches(model, label, source.Name, shape);
        }
    }

    /// <summary>How a model is named in messages: its path, or the shipped default's name.</summary>
    public static string ModelLabel(string? path, string shipped = DefaultModel.Lenet) =>
        string.IsNullOrWhiteSpace(path) ? $"shipped model {shipped}" : path;
}
