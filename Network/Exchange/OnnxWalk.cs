using Bmcnn.Circuit;
using Bmcnn.Network.Model;
using Onnx;

namespace Bmcnn.Network.Exchange;

/// <summary>The sequential walk behind <see cref="OnnxImport"/>: one node at a time from the graph input to its output.</summary>
internal sealed class OnnxWalk
{
    private enum Stage
    {
        Input,
        Sums,
        Binary,
    }

    private readonly OnnxGraph _g;
    private readonly List<ModelLayer> _layers = [];
    private Stage _stage = Stage.Input;
    private TensorShape _shape;
    private TensorShape? _flattenedMap;

    // Input normalization x' = p·x + q per channel, before the first weighted layer.
    private double[] _inScale = [];
    private double[] _inShift = [];

    // The open block: its weighted layer, the affine map a·s + b per neuron, a pool seen before the sign.
    private WeightedLayer? _weighted;
    private double[] _a = [];
    private double[] _b = [];
    private MaxPool? _poolBeforeSign;
    private double _activationScale = 1;
    private int _blocks;
    private bool _channelsLast;

    public OnnxWalk(OnnxGraph graph, OnnxImportOptions options)
    {
        _g = graph;
        _options = options;
        _weightedNodes = graph.Graph.Node.Count(n => n.OpType is "Conv" or "Gemm" or "MatMul");
    }

    private readonly OnnxImportOptions _options;
    private readonly int _weightedNodes;
    private readonly HashSet<string> _marksUsed = new(StringComparer.Ordinal);

    public BnnModel Run()
    {
        var input = _g.Graph.Input.Where(i => !_g.IsInitializer(i.Name)).ToList();
        if (input.Count != 1)
        {
            throw new BmcnnException($"{_g.File}: the graph has {input.Count} non-constant inputs, expected one image input");
        }
        var modelInput = InputShape(input[0]);
        _shape = modelInput;
        _inScale = Enumerable.Repeat(1 / _options.NormalizeStd, modelInput.Channels).ToArray();
        _inShift = Enumerable.Repeat(-_options.NormalizeMean / _options.NormalizeStd, modelInput.Channels).ToArray();
        if (modelInput.Height == 1 && modelInput.Channels == 1 && _g.Graph.Input[0].Type.TensorType.Shape.Dim.Count == 2)
        {
            _layers.Add(new Flatten("input.flatten"));
            _shape = new TensorShape(1, 1, modelInput.Width, true);
        }
        if (_g.Graph.Output.Count != 1)
        {
            throw new BmcnnException($"{_g.File}: the graph has {_g.Graph.Output.Count} outputs, expected one (the logits)");
        }
        string output = _g.Graph.Output[0].Name;
        string current = input[0].Name;
        while (current != output)
        {
            var users = _g.Consumers(current);
            if (users.Count == 0)
            {
                throw new BmcnnException($"{_g.File}: tensor '{current}' is used by no node before the graph output '{output}'");
            }
            if (users.Count > 1)
            {
                throw new BmcnnException($"{_g.At(users[1])}: branching graph, tensor '{current}' also feeds node " +
                    $"'{users[0].Name}' ({users[0].OpType}); only sequential networks are supported");
            }
            var node = users[0];
            foreach (var other in node.Input.Where(i => i.Length > 0 && i != current))
            {
                if (!_g.IsConstant(other))
                {
                    throw new BmcnnException($"{_g.At(node)}: joins two activations ('{current}' and '{other}'), a residual or " +
                        "branching graph; only sequential networks are supported");
                }
            }
            if (node.Input.Count == 0 || node.Input[0] != current)
            {
                throw new BmcnnException($"{_g.At(node)}: the activation must be its first input");
            }
            Step(node);
            current = node.Output[0];
        }
        if (_stage != Stage.Sums)
        {
            throw new BmcnnException($"{_g.File}: the graph output '{output}' must be the last weighted layer's logits (no sign after it)");
        }
        Close(sign: false);
        var unused = (_options.Digital ?? []).Where(m => !_marksUsed.Contains(m)).ToList();
        if (unused.Count > 0)
        {
            var names = _layers.OfType<WeightedLayer>().Select(l => l.Name);
            throw new BmcnnException($"--digital: no weighted layer or node named '{unused[0]}' in {_g.File} " +
                $"(its layers are {string.Join(", ", names)})");
        }
        return new BnnModel("onnx", modelInput, 8, _layers);
    }

    private TensorShape InputShape(ValueInfoProto input)
    {
        var dims = input.Type?.TensorType?.Shape?.Dim.Select(d => d.HasDimValue ? d.DimValue : -1).ToArray() ?? [];
        string at = $"{_g.File}: input '{input.Name}'";
        if (dims.Length == 4 && dims.Skip(1).All(d => d > 0))
        {
            return new TensorShape((int)dims[2], (int)dims[3], (int)dims[1]);
        }
        if (dims.Length == 2 && dims[1] > 0)
        {
            return new TensorShape(1, (int)dims[1], 1);
        }
        throw new BmcnnException($"{at}: shape [{string.Join(", ", dims)}] is not [N, C, H, W] or [N, features] with known sizes");
    }

    private void Step(NodeProto node)
    {
        switch (node.OpType)
        {
            case "Identity":
            case "Dropout":
                if (node.Output.Count > 1 && _g.Consumers(node.Output[1]).Count > 0)
                {
                    throw new BmcnnException($"{_g.At(node)}: the dropout mask output is used; only inference graphs are supported");
                }
                return;
            case "Conv":
                Conv(node);
                return;
            case "Gemm":
            case "MatMul":
                Linear(node);
                return;
            case "BatchNormalization":
                Norm(node);
                return;
            case "Add":
            case "Sub":
            case "Mul":
            case "Div":
                Arithmetic(node);
                return;
            case "Clip":
                Clip(node);
                return;
            case "Sign":
                Sign(node, 1);
                return;
            case "BipolarQuant":
                var scale = node.Input.Count > 1 ? _g.Constant(node.Input[1], node) : new OnnxTensor([], [1.0]);
                if (scale.Count != 1 || !(scale.Data[0] > 0))
                {
                    throw new BmcnnException($"{_g.At(node)}: only a positive scalar scale is supported, got {scale.Shape}");
                }
                Sign(node, scale.Data[0]);
                return;
            case "GreaterOrEqual":
                Compare(node);
                return;
            case "Transpose":
                ChannelsLast(node);
                return;
            case "Where":
                Select(node);
                return;
            case "MaxPool":
                Pool(node);
                return;
            case "Flatten":
            case "Reshape":
                Flatten(node);
                return;
            case "Softmax":
            case "LogSoftmax":
                if (_stage != Stage.Sums || node.Output[0] != _g.Graph.Output[0].Name)
                {
                    throw new BmcnnException($"{_g.At(node)}: supported only as the last node (it does not change the argmax)");
                }
                return;
            default:
                throw new BmcnnException($"{_g.At(node)}: unsupported op type (see docs/onnx.md for the supported ops)");
        }
    }

    private void Conv(NodeProto node)
    {
        Open(node);
        if (_shape.Flat)
        {
            throw new BmcnnException($"{_g.At(node)}: input is a flat vector, expected an image map");
        }
        var w = _g.Constant(node.Input[1], node);
        if (w.Dims.Length != 4 || w.Dims[1] != _shape.Channels)
        {
            throw new BmcnnException($"{_g.At(node)}: weight shape {w.Shape} does not fit an input of {_shape.Channels} channels");
        }
        if (_g.Int(node, "group", 1) != 1)
        {
            throw new BmcnnException($"{_g.At(node)}: grouped convolution (group {_g.Int(node, "group", 1)}) is not supported");
        }
        if (_g.Ints(node, "dilations", [1, 1]).Any(d => d != 1))
        {
            throw new BmcnnException($"{_g.At(node)}: dilation is not supported");
        }
        string autoPad = OnnxGraph.Attribute(node, "auto_pad")?.S.ToStringUtf8() ?? "NOTSET";
        if (autoPad is not ("NOTSET" or "VALID"))
        {
            throw new BmcnnException($"{_g.At(node)}: auto_pad {autoPad} is not supported (give explicit pads)");
        }
        int o = (int)w.Dims[0], c = (int)w.Dims[1], kh = (int)w.Dims[2], kw = (int)w.Dims[3];
        var kernel = _g.Ints(node, "kernel_shape", [kh, kw]);
        var strides = _g.Ints(node, "strides", [1, 1]);
        var pads = _g.Ints(node, "pads", [0, 0, 0, 0]);
        if (kernel.Length != 2 || kernel[0] != kh || kernel[1] != kw || strides.Length != 2 || pads.Length != 4)
        {
            throw new BmcnnException($"{_g.At(node)}: only 2-D convolutions are supported (kernel_shape, strides, pads)");
        }
        if (pads[0] != pads[2] || pads[1] != pads[3])
        {
            throw new BmcnnException($"{_g.At(node)}: asymmetric padding [{string.Join(", ", pads)}] is not supported");
        }
        var g = new ConvGeometry(kh, kw, (int)strides[0], (int)strides[1], (int)pads[0], (int)pads[1]);
        int rows = kh * kw * c;
        var values = OnnxWeightOrder.Conv(w);
        string name = $"conv{_blocks + 1}";
        var (binary, alpha, floats) = Binarize(values, o, rows, node, name, g.PadHeight > 0 || g.PadWidth > 0);
        WeightedLayer layer = binary is not null
            ? new BinaryConv2d(name, c, o, g, binary)
            : new BinaryConv2d(name, c, o, g, floats!);
        try
        {
            layer.OutputShape(_shape);
        }
        catch (BmcnnException ex)
        {
            throw new BmcnnException($"{_g.At(node)}: {ex.Message}");
        }
        Begin(layer, alpha, node.Input.Count > 2 && node.Input[2].Length > 0 ? _g.Constant(node.Input[2], node) : null, node);
    }

    private void Linear(NodeProto node)
    {
        Open(node);
        if (!_shape.Flat)
        {
            throw new BmcnnException($"{_g.At(node)}: input is a {_shape} map; flatten it first");
        }
        var w = _g.Constant(node.Input[1], node);
        bool transB = node.OpType == "Gemm" && _g.Int(node, "transB", 0) != 0;
        if (node.OpType == "Gemm" && _g.Int(node, "transA", 0) != 0)
        {
            throw new BmcnnException($"{_g.At(node)}: transA is not supported");
        }
        if (w.Dims.Length != 2)
        {
            throw new BmcnnException($"{_g.At(node)}: weight shape {w.Shape} is not a matrix");
        }
        int fin = (int)(transB ? w.Dims[1] : w.Dims[0]), fout = (int)(transB ? w.Dims[0] : w.Dims[1]);
        if (fin != _shape.Size)
        {
            throw new BmcnnException($"{_g.At(node)}: weight shape {w.Shape} takes {fin} features, the input has {_shape.Size}");
        }
        double alphaAttr = node.OpType == "Gemm" ? _g.Float(node, "alpha", 1f) : 1.0;
        var values = new double[fout * fin];
        for (int j = 0; j < fout; j++)
        {
            for (int r = 0; r < fin; r++)
            {
                // Our features are (row, column, channel) of a flattened map; ONNX's are (channel, row, column).
                int f = OnnxFeature(r);
                values[j * fin + r] = alphaAttr * (transB ? w.Data[(long)j * fin + f] : w.Data[(long)f * fout + j]);
            }
        }
        string name = $"fc{_blocks + 1}";
        var (binary, alpha, floats) = Binarize(values, fout, fin, node, name, false);
        WeightedLayer layer = binary is not null ? new BinaryLinear(name, fin, fout, binary) : new BinaryLinear(name, fin, fout, floats!);
        OnnxTensor? bias = null;
        if (node.OpType == "Gemm" && node.Input.Count > 2 && node.Input[2].Length > 0)
        {
            var c = _g.Constant(node.Input[2], node);
            double beta = _g.Float(node, "beta", 1f);
            bias = c with { Data = c.Data.Select(v => v * beta).ToArray() };
        }
        Begin(layer, alpha, bias, node);
    }

    private int OnnxFeature(int ours)
    {
        if (_flattenedMap is not { } m)
        {
            return ours;
        }
        int c = ours % m.Channels, pos = ours / m.Channels;
        return c * m.Height * m.Width + pos;
    }

    /// <summary>True when the options mark the layer (by our name or the node's) digital.</summary>
    private bool Marked(NodeProto node, string name)
    {
        bool marked = false;
        foreach (var key in new[] { name, node.Name })
        {
            if (key.Length > 0 && (_options.Digital?.Contains(key) ?? false))
            {
                _marksUsed.Add(key);
                marked = true;
            }
        }
        return marked;
    }

    /// <summary>±1 weights with a positive scale per output, or null and the float values for a digital layer.</summary>
    private (sbyte[]? Binary, double[] Alpha, float[]? Floats) Binarize(double[] values, int outputs, int rows, NodeProto node, string name,
        bool padded)
    {
        bool binary = OnnxWeightOrder.Split(values, outputs, rows, out var signs, out var alpha);
        bool first = _blocks == 0;
        var scale = first ? _inScale : null;
        if (first && _inShift.Any(q => q != 0) && padded)
        {
            throw new BmcnnException($"{_g.At(node)}: an input normalization with a nonzero shift cannot be folded into a padded first " +
                "layer (the padding would no longer read 0); export the network without it or without padding");
        }
        bool marked = Marked(node, name);
        if (!binary && !marked && !first && _blocks != _weightedNodes - 1)
        {
            throw new BmcnnException($"{_g.At(node)}: the weights of layer {name} are not binary (±α per output channel) and the " +
                $"layer is not marked digital; only a first or last layer becomes digital by itself (mark it with --digital {name})");
        }
        if (binary && !marked && (scale is null || scale.All(s => s == scale[0])))
        {
            if (scale is not null)
            {
                for (int o = 0; o < outputs; o++)
                {
                    alpha[o] *= scale[0];
                }
            }
            return (signs, alpha, null);
        }
        // A digital layer: the input scale (per channel) goes into the float weights themselves.
        var floats = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double s = scale is null ? 1 : scale[i % rows % scale.Length];
            floats[i] = (float)(values[i] * s);
        }
        Array.Fill(alpha, 1.0);
        return (null, alpha, floats);
    }

    private void Begin(WeightedLayer layer, double[] alpha, OnnxTensor? bias, NodeProto node)
    {
        int n = layer.Columns;
        _a = (double[])alpha.Clone();
        _b = new double[n];
        if (bias is not null)
        {
            if (bias.Count != n && bias.Count != 1)
            {
                throw new BmcnnException($"{_g.At(node)}: bias shape {bias.Shape} does not match {n} outputs");
            }
            for (int j = 0; j < n; j++)
            {
                _b[j] = bias.Data[bias.Count == 1 ? 0 : j];
            }
        }
        for (int j = 0; j < n; j++)
        {
            _a[j] *= _activationScale;
        }
        if (_blocks == 0 && _inShift.Any(q => q != 0))
        {
            // Σ w·(p·x + q) = p·Σ w·x + q·Σ w (no padding): the shift adds q·Σ_rows w per output.
            int rows = layer.Rows, channels = _inShift.Length;
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int r = 0; r < rows; r++)
                {
                    double w = layer.Digital ? layer.Values[j * rows + r] / _inScale[r % channels]
                        : layer.Weights[j * rows + r] * alpha[j] / _inScale[0];
                    sum += w * _inShift[r % channels];
                }
                _b[j] += sum;
            }
        }
        _weighted = layer;
        _layers.Add(layer);
        _shape = layer.OutputShape(_shape);
        _flattenedMap = null;
        _stage = Stage.Sums;
        _poolBeforeSign = null;
        _blocks++;
    }

    private void Open(NodeProto node)
    {
        if (_stage == Stage.Sums)
        {
            throw new BmcnnException($"{_g.At(node)}: follows weighted layer {_weighted!.Name} without a Sign; only binarized " +
                "activations are supported between weighted layers");
        }
    }

    private void Norm(NodeProto node)
    {
        if (_stage != Stage.Sums)
        {
            throw new BmcnnException($"{_g.At(node)}: batch-norm must follow a weighted layer");
        }
        var gamma = _g.Constant(node.Input[1], node);
        var beta = _g.Constant(node.Input[2], node);
        var mean = _g.Constant(node.Input[3], node);
        var variance = _g.Constant(node.Input[4], node);
        double eps = _g.Float(node, "epsilon", 1e-5f);
        int n = _a.Length;
        if (new[] { gamma, beta, mean, variance }.Any(t => t.Count != n))
        {
            throw new BmcnnException($"{_g.At(node)}: parameters must have {n} values (one per channel)");
        }
        for (int j = 0; j < n; j++)
        {
            // ONNX evaluates in float32: (x − mean)/sqrt(var + eps)·scale + B; composed here in double.
            double k = gamma.Data[j] / Math.Sqrt(variance.Data[j] + (double)(float)eps);
            _a[j] *= k;
            _b[j] = k * (_b[j] - mean.Data[j]) + beta.Data[j];
        }
    }

    private void Arithmetic(NodeProto node)
    {
        var c = _g.Constant(node.Input[1], node);
        int channels = _stage == Stage.Sums ? _a.Length : _shape.Channels;
        var v = PerChannel(c, channels, node);
        switch (_stage)
        {
            case Stage.Sums:
                for (int j = 0; j < channels; j++)
                {
                    (_a[j], _b[j]) = Compose(node.OpType, _a[j], _b[j], v[j]);
                }
                return;
            case Stage.Input:
                for (int j = 0; j < channels; j++)
                {
                    (_inScale[j], _inShift[j]) = Compose(node.OpType, _inScale[j], _inShift[j], v[j]);
                    if (!(_inScale[j] > 0))
                    {
                        throw new BmcnnException($"{_g.At(node)}: the input normalization must keep a positive scale");
                    }
                }
                return;
            default:
                if (node.OpType == "Mul" && v.All(x => x == v[0] && x > 0))
                {
                    _activationScale *= v[0];
                    return;
                }
                throw new BmcnnException($"{_g.At(node)}: arithmetic on binarized activations is not supported (only a positive scalar Mul)");
        }
    }

    /// <summary>An affine map x ↦ scale·x + shift followed by one arithmetic op with a constant.</summary>
    private static (double Scale, double Shift) Compose(string op, double scale, double shift, double v) => op switch
    {
        "Add" => (scale, shift + v),
        "Sub" => (scale, shift - v),
        "Mul" => (scale * v, shift * v),
        _ => (scale / v, shift / v),
    };

    private double[] PerChannel(OnnxTensor c, int channels, NodeProto node)
    {
        if (node.OpType == "Div" && c.Data.Any(x => x == 0))
        {
            throw new BmcnnException($"{_g.At(node)}: division by zero");
        }
        if (c.Count == 1)
        {
            return Enumerable.Repeat(c.Data[0], channels).ToArray();
        }
        // One value per channel, broadcast over the map: [C], [C,1,1], [1,C,1,1] or [1,C].
        var dims = c.Dims.SkipWhile(d => d == 1).ToArray();
        bool map = !_shape.Flat;
        bool ok = c.Count == channels && (map ? dims.Skip(1).All(d => d == 1) && c.Dims.Length >= 3 : dims.Length == 1);
        if (!ok)
        {
            throw new BmcnnException($"{_g.At(node)}: constant of shape {c.Shape} is not one value per channel ({channels})");
        }
        return c.Data;
    }

    private void Clip(NodeProto node)
    {
        double min = node.Input.Count > 1 && node.Input[1].Length > 0 ? _g.Constant(node.Input[1], node).Data[0]
            : _g.Float(node, "min", float.MinValue);
        double max = node.Input.Count > 2 && node.Input[2].Length > 0 ? _g.Constant(node.Input[2], node).Data[0]
            : _g.Float(node, "max", float.MaxValue);
        var next = _g.Consumers(node.Output[0]);
        if (_stage != Stage.Sums || !(min < 0 && max > 0) || next.Count != 1 || next[0].OpType is not ("Sign" or "BipolarQuant"))
        {
            throw new BmcnnException($"{_g.At(node)}: supported only as a hard-tanh (min < 0 < max) directly before a Sign");
        }
    }

    // Transpose to NHWC right before a flatten (what bmcnn's own export writes): features in (row, column, channel) order.
    private void ChannelsLast(NodeProto node)
    {
        var perm = _g.Ints(node, "perm", []);
        var next = _g.Consumers(node.Output[0]);
        if (_stage == Stage.Sums || _shape.Flat || !perm.SequenceEqual([0L, 2, 3, 1]) || next.Count != 1
            || next[0].OpType is not ("Flatten" or "Reshape"))
        {
            throw new BmcnnException($"{_g.At(node)}: an activation transpose is supported only as perm [0, 2, 3, 1] right before a flatten");
        }
        _channelsLast = true;
    }

    // GreaterOrEqual(y, T) then Where(·, +k, −k) (what bmcnn's own export writes): a sign of y − T that is +k at 0.
    private void Compare(NodeProto node)
    {
        var next = _g.Consumers(node.Output[0]);
        if (_stage != Stage.Sums || next.Count != 1 || next[0].OpType != "Where")
        {
            throw new BmcnnException($"{_g.At(node)}: supported only on a weighted layer's sums, followed by Where(±1)");
        }
        var t = PerChannel(_g.Constant(node.Input[1], node), _a.Length, node);
        for (int j = 0; j < _a.Length; j++)
        {
            _b[j] -= t[j];
        }
    }

    private void Select(NodeProto node)
    {
        var plus = _g.Constant(node.Input[1], node);
        var minus = _g.Constant(node.Input[2], node);
        if (plus.Count != 1 || minus.Count != 1 || !(plus.Data[0] > 0) || minus.Data[0] != -plus.Data[0]
            || _g.Graph.Node.FirstOrDefault(n => n.Output.Contains(node.Input[0]))?.OpType != "GreaterOrEqual")
        {
            throw new BmcnnException($"{_g.At(node)}: supported only as Where(GreaterOrEqual(...), +k, −k), a sign");
        }
        Sign(node, plus.Data[0]);
    }

    private void Sign(NodeProto node, double scale)
    {
        if (_stage != Stage.Sums)
        {
            throw new BmcnnException($"{_g.At(node)}: a sign must follow a weighted layer (and its batch-norm)");
        }
        Close(sign: true);
        _activationScale = scale;
    }

    private void Pool(NodeProto node)
    {
        if (_shape.Flat || _stage == Stage.Input)
        {
            throw new BmcnnException($"{_g.At(node)}: max-pool is supported on the binarized maps of a convolution only");
        }
        var kernel = _g.Ints(node, "kernel_shape", []);
        var strides = _g.Ints(node, "strides", kernel);
        var pads = _g.Ints(node, "pads", [0, 0, 0, 0]);
        if (kernel.Length != 2 || strides.Length != 2 || pads.Any(p => p != 0) || _g.Int(node, "ceil_mode", 0) != 0
            || _g.Ints(node, "dilations", [1, 1]).Any(d => d != 1) || node.Output.Count > 1 && node.Output[1].Length > 0)
        {
            throw new BmcnnException($"{_g.At(node)}: only 2-D max-pool without padding, dilation, ceil mode or indices is supported");
        }
        string name = $"{_weighted!.Name}.pool";
        var pool = new MaxPool(name, new ConvGeometry((int)kernel[0], (int)kernel[1], (int)strides[0], (int)strides[1]));
        var shape = pool.OutputShape(_shape);
        bool afterSign = _stage == Stage.Binary;
        if (_layers[^1] is MaxPool || _poolBeforeSign is not null || afterSign && _layers[^1] is not SignActivation)
        {
            throw new BmcnnException($"{_g.At(node)}: only one max-pool per block, right after the sign, is supported");
        }
        if (afterSign)
        {
            _layers.Add(pool);
        }
        else
        {
            _poolBeforeSign = pool;
        }
        _shape = shape;
    }

    private void Flatten(NodeProto node)
    {
        if (_stage == Stage.Sums)
        {
            throw new BmcnnException($"{_g.At(node)}: flattening before the sign is not supported");
        }
        if (node.OpType == "Flatten" && _g.Int(node, "axis", 1) != 1)
        {
            throw new BmcnnException($"{_g.At(node)}: only axis 1 is supported");
        }
        if (node.OpType == "Reshape")
        {
            var shape = _g.Constant(node.Input[1], node).Data;
            bool flat2d = shape.Length == 2 && (shape[1] == -1 || shape[1] == _shape.Size) && shape[0] is 1 or -1 or 0;
            if (!flat2d || shape[0] == -1 && shape[1] == -1)
            {
                throw new BmcnnException($"{_g.At(node)}: only a reshape to 2-D [N, features] is supported, got [{string.Join(", ", shape)}]");
            }
        }
        if (_shape.Flat)
        {
            return;
        }
        if (_shape.Height * _shape.Width > 1 && _shape.Channels > 1 && !_channelsLast)
        {
            _flattenedMap = _shape;
        }
        _channelsLast = false;
        _layers.Add(new Flatten(_stage == Stage.Input ? "input.flatten" : $"{_weighted!.Name}.flatten"));
        _shape = new TensorShape(1, 1, _shape.Size, true);
    }

    /// <summary>Ends the open block: its affine map becomes a batch-norm (a threshold for a hidden block).</summary>
    private void Close(bool sign)
    {
        var name = _weighted!.Name;
        _layers.Add(BlockThreshold.Fold(name, _a, _b, sign, _poolBeforeSign is not null, _g.File));
        if (sign)
        {
            _layers.Add(new SignActivation($"{name}.sign"));
            if (_poolBeforeSign is not null)
            {
                _layers.Add(_poolBeforeSign);
                _poolBeforeSign = null;
            }
            _stage = Stage.Binary;
        }
    }
}
