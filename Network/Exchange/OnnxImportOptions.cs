namespace Bmcnn.Network.Exchange;

/// <summary>Choices for <see cref="OnnxImport"/>.</summary>
/// <param name="NormalizeMean">With <paramref name="NormalizeStd"/>: the network was trained on (x − mean)/std of
/// pixels x in [0, 1], a normalization the ONNX graph does not contain; folded into the first layer.</param>
/// <param name="NormalizeStd">See <paramref name="NormalizeMean"/>; must be positive.</param>
/// <param name="Dataset">Dataset name recorded in the model's metadata (for example mnist).</param>
/// <param name="Digital">Weighted layers to compute digitally (float32 weights on the host, not on crossbars), by
/// layer name (conv1, fc3, ...) or ONNX node name. A first or last layer whose weights are not binary becomes digital
/// without being named; any other layer with non-binary weights must be named here or the import is refused.</param>
public sealed record OnnxImportOptions(double NormalizeMean = 0, double NormalizeStd = 1, string? Dataset = null,
    IReadOnlyCollection<string>? Digital = null);
