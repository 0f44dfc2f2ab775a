using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>
/// The dataset a model was trained or imported for: its name in the metadata entry <see cref="MetadataKey"/> (written
/// by <c>bmcnn train</c> and <c>bmcnn import onnx --dataset</c>) and its input shape (the model's input). A model
/// without the entry predates it: every such model was trained or imported for MNIST, so it counts as
/// <see cref="Assumed"/>.
/// </summary>
public static class ModelDataset
{
    /// <summary>The metadata key holding the dataset name.</summary>
    public const string MetadataKey = "dataset";

    /// <summary>The dataset of a model without a record.</summary>
    public const string Assumed = "mnist";

    /// <summary>The recorded dataset name, or <see cref="Assumed"/> when the model has no record.</summary>
    public static string NameOf(BnnModel model) =>
        model.Metadata.TryGetValue(MetadataKey, out var name) && !string.IsNullOrWhiteSpace(name) ? name : Assumed;

    /// <summary>
    /// Refuses to run <paramref name="model"/> (called <paramref name="modelLabel"/> in the message) on images of
    /// <paramref name="datasetName"/> with <paramref name="imageShape"/> unless both the name and the input shape agree.
    /// </summary>
    /// <exception cref="BmcnnException">One line naming the model and both values.</exception>
    public static void EnsureMatches(BnnModel model, string modelLabel, string datasetName, TensorShape imageShape)
    {
        string name = NameOf(model);
        bool recorded = model.Metadata.ContainsKey(MetadataKey);
        if (name != datasetName || model.Input != imageShape)
        {
            throw new BmcnnException($"{modelLabel}: model is for dataset {name}{(recorded ? "" : " (no record, assumed)")} with input " +
                $"{Describe(model.Input)}, but the data is {datasetName} with input {Describe(imageShape)}; pick the matching --dataset or --model");
        }
    }

    /// <summary>A shape as channels×height×width, e.g. 1×28×28.</summary>
    public static string Describe(TensorShape shape) => $"{shape.Channels}×{shape.Height}×{shape.Width}";
}
