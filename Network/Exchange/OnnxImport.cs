using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Network.Model;
using Google.Protobuf;
using Onnx;

namespace Bmcnn.Network.Exchange;

/// <summary>
/// Reads a sequential binarized network from an ONNX file (docs/onnx.md). The graph is walked from its input, one
/// node at a time; each weighted node (Conv, Gemm, MatMul) starts a block, and everything up to its Sign (or
/// BipolarQuant) is composed exactly, in double, into one affine map y = a·s + b per neuron of the ±1 weighted sum
/// s: a per-channel weight scale α (PyTorch's export folds eval batch-norm into the convolution, leaving ±α weights
/// and a bias), biases, BatchNormalization, Add/Sub/Mul/Div by constants, and a leading input normalization. A hidden
/// block becomes a threshold T = −b/a (stored as a batch-norm with mean T), the output block its logits a·s + b.
/// A layer is digital (float weights, computed by the host) when <see cref="OnnxImportOptions.Digital"/> names it, or
/// when it is the first or last weighted layer and its weights are not ±α per output channel; non-binary weights in
/// any other layer are refused. Anything else is refused with one line naming the file, the node and its op type.
/// </summary>
public static class OnnxImport
{
    /// <summary>Imports a file.</summary>
    /// <exception cref="BmcnnException">Unreadable file or unsupported graph.</exception>
    public static BnnModel Import(string path, OnnxImportOptions? options = null)
    {
        if (!File.Exists(path))
        {
            throw new BmcnnException($"ONNX file not found: {path}");
        }
        using var stream = File.OpenRead(path);
        return Read(stream, path, options ?? new OnnxImportOptions());
    }

    /// <summary>Imports from a stream; <paramref name="name"/> appears in messages.</summary>
    public static BnnModel Read(Stream stream, string name, OnnxImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new BmcnnException($"{name}: not a valid ONNX file ({ex.Message.TrimEnd('.')})", ex);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0)
        {
            throw new BmcnnException($"{name}: not a valid ONNX file (no graph nodes)");
        }
        if (!(options.NormalizeStd > 0) || !double.IsFinite(options.NormalizeMean))
        {
            throw new BmcnnException($"--normalize: std must be positive and mean finite, got {options.NormalizeMean},{options.NormalizeStd}");
        }
        var walk = new OnnxWalk(new OnnxGraph(model.Graph, name), options);
        var result = walk.Run();
        var producer = model.ProducerName.Length > 0 ? $"{model.ProducerName} {model.ProducerVersion}".Trim() : "unknown";
        result.Metadata["import.source"] = Path.GetFileName(name);
        result.Metadata["import.producer"] = producer;
        result.Metadata["import.opset"] = string.Join(",", model.OpsetImport.Select(o =>
            (o.Domain.Length > 0 ? o.Domain + ":" : "") + o.Version.ToString(CultureInfo.InvariantCulture)));
        if (options.Dataset is not null)
        {
            result.Metadata["dataset"] = options.Dataset;
        }
        var digital = result.Blocks.Where(b => b.Weighted.Digital).Select(b => b.Weighted.Name).ToList();
        if (digital.Count > 0)
        {
            result.Metadata["import.digital"] = string.Join(",", digital);
        }
        if (options.NormalizeMean != 0 || options.NormalizeStd != 1)
        {
            result.Metadata["import.normalize"] = string.Create(CultureInfo.InvariantCulture, $"{options.NormalizeMean},{options.NormalizeStd}");
        }
        return result;
    }
}
