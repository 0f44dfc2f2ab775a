using Bmcnn.Circuit;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;
using Google.Protobuf;
using Onnx;

namespace Bmcnn.Network.Exchange;

/// <summary>
/// Writes a model as a standard ONNX graph (opset 13, NCHW) that any ONNX runtime runs with the same predictions
/// (docs/onnx.md). Input "input" [N, C, H, W]: pixel values p/255 in [0, 1] (the model's input quantization, if below
/// 8 bits, is part of the graph). Output "logits" [N, classes]. Weighted layers are Conv / Gemm with ±1 weights
/// (float weights for digital layers); a hidden block's folded batch-norm and sign become GreaterOrEqual against its
/// threshold and Where(±1), which decides exactly like the software (ONNX's Sign(0) = 0 is avoided); the output
/// block is Mul and Add of its batch-norm affine map.
/// </summary>
public static class OnnxExport
{
    /// <summary>The opset written.</summary>
    public const int Opset = 13;

    /// <summary>Writes the model to a file (temporary file, then rename).</summary>
    public static void Save(BnnModel model, string path) => AtomicFile.Write(path, stream => Write(model, stream));

    /// <summary>Writes the model to a stream.</summary>
    public static void Write(BnnModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ToProto(model).WriteTo(stream);
    }

    /// <summary>The ONNX model.</summary>
    public static ModelProto ToProto(BnnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var g = new GraphWriter();
        var input = model.Input;
        g.Graph.Input.Add(GraphWriter.Value("input", ["N", input.Channels, input.Height, input.Width]));
        string x = "input";
        if (model.InputBits < 8)
        {
            float levels = (1 << model.InputBits) - 1;
            x = g.Node("Mul", [x, g.Scalar("levels", levels)]);
            x = g.Node("Round", [x]);
            x = g.Node("Div", [x, "levels"]);
        }
        var shape = input;
        int li = 0;
        var layers = model.Layers;
        foreach (var block in model.Blocks)
        {
            // Flatten layers before the first weighted layer (a flat-input network).
            while (layers[li] is Flatten)
            {
                x = Flatten(g, x, shape);
                shape = new TensorShape(1, 1, shape.Size, true);
                li++;
            }
            x = Weighted(g, x, block);
            li += 2;
            if (block.Sign)
            {
                x = Threshold(g, x, block);
                li++;
                if (block.Pool is { } pool)
                {
                    var w = pool.Window;
                    x = g.Node("MaxPool", [x], GraphWriter.Ints("kernel_shape", w.KernelHeight, w.KernelWidth),
                        GraphWriter.Ints("strides", w.StrideHeight, w.StrideWidth));
                    li++;
                }
                if (block.Flatten)
                {
                    x = Flatten(g, x, block.Pool is null ? block.Output : block.Pool.OutputShape(block.Output));
                    li++;
                }
            }
            else
            {
                var n = block.Weighted.Columns;
                var scale = new float[n];
                var shift = new float[n];
                for (int c = 0; c < n; c++)
                {
                    var (a, b) = block.Norm.Affine(c);
                    (scale[c], shift[c]) = ((float)a, (float)b);
                }
                x = g.Node("Mul", [x, g.Init($"{block.Weighted.Name}.scale", Broadcast(block), scale)]);
                x = g.Node("Add", [x, g.Init($"{block.Weighted.Name}.shift", Broadcast(block), shift)], output: "logits");
            }
            shape = block.Result;
        }
        g.Graph.Output.Add(GraphWriter.Value("logits", ["N", model.Classes]));
        var proto = new ModelProto { IrVersion = 7, ProducerName = "bmcnn", ProducerVersion = "1", Graph = g.Graph, DocString = model.Arch };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in model.Metadata)
        {
            proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        return proto;
    }

    private static long[] Broadcast(LayerBlock block) =>
        block.Weighted is BinaryConv2d ? [1, block.Weighted.Columns, 1, 1] : [1, block.Weighted.Columns];

    // Our flat order is (row, column, channel); ONNX's Flatten of NCHW is (channel, row, column): transpose first.
    private static string Flatten(GraphWriter g, string x, TensorShape shape)
    {
        if (!shape.Flat)
        {
            x = g.Node("Transpose", [x], GraphWriter.Ints("perm", 0, 2, 3, 1));
        }
        return g.Node("Flatten", [x], GraphWriter.Int("axis", 1));
    }

    private static string Weighted(GraphWriter g, string x, LayerBlock block)
    {
        var layer = block.Weighted;
        if (layer is BinaryConv2d conv)
        {
            var geo = conv.Geometry;
            int o = conv.OutChannels, c = conv.InChannels, rows = layer.Rows;
            var w = new float[layer.Values.Length];
            for (int oc = 0; oc < o; oc++)
            {
                for (int ci = 0; ci < c; ci++)
                {
                    for (int y = 0; y < geo.KernelHeight; y++)
                    {
                        for (int k = 0; k < geo.KernelWidth; k++)
                        {
                            w[((oc * c + ci) * geo.KernelHeight + y) * geo.KernelWidth + k] =
                                layer.Values[oc * rows + (y * geo.KernelWidth + k) * c + ci];
                        }
                    }
                }
            }
            var weights = g.Init($"{layer.Name}.weight", [o, c, geo.KernelHeight, geo.KernelWidth], w);
            return g.Node("Conv", [x, weights], GraphWriter.Ints("kernel_shape", geo.KernelHeight, geo.KernelWidth),
                GraphWriter.Ints("strides", geo.StrideHeight, geo.StrideWidth),
                GraphWriter.Ints("pads", geo.PadHeight, geo.PadWidth, geo.PadHeight, geo.PadWidth));
        }
        // Values are [out, in] row-major already: Gemm with transB.
        var matrix = g.Init($"{layer.Name}.weight", [layer.Columns, layer.Rows], layer.Values);
        return g.Node("Gemm", [x, matrix], GraphWriter.Int("transB", 1));
    }

    private static string Threshold(GraphWriter g, string x, LayerBlock block)
    {
        int n = block.Weighted.Columns;
        var sign = new float[n];
        var threshold = new float[n];
        for (int c = 0; c < n; c++)
        {
            var t = SenseThreshold.Fold(block.Norm, c);
            // x ≥ t ⇔ x ≥ (t rounded up to float); x ≤ t ⇔ −x ≥ −t, the same rounded up.
            double bound = t.Inverted ? -t.Threshold : t.Threshold;
            float f = (float)bound;
            if (f < bound)
            {
                f = MathF.BitIncrement(f);
            }
            (sign[c], threshold[c]) = (t.Inverted ? -1f : 1f, f);
        }
        string name = block.Weighted.Name;
        var shape = Broadcast(block);
        x = g.Node("Mul", [x, g.Init($"{name}.sense", shape, sign)]);
        var fires = g.Node("GreaterOrEqual", [x, g.Init($"{name}.threshold", shape, threshold)]);
        return g.Node("Where", [fires, g.Scalar("one", 1f), g.Scalar("minus_one", -1f)]);
    }
}
