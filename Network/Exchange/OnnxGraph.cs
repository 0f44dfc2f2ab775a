using Bmcnn.Circuit;
using Onnx;

namespace Bmcnn.Network.Exchange;

/// <summary>
/// An ONNX graph prepared for a sequential walk: which node produces and which nodes consume each tensor, and the
/// constant tensors (initializers, Constant nodes, and Sign / Transpose / Identity / BipolarQuant of constants,
/// evaluated on demand). Errors name the file, the node and its op type.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly Dictionary<string, TensorProto> _initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeProto> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxTensor> _constants = new(StringComparer.Ordinal);

    public OnnxGraph(GraphProto graph, string file)
    {
        Graph = graph;
        File = file;
        foreach (var t in graph.Initializer)
        {
            _initializers[t.Name] = t;
        }
        foreach (var node in graph.Node)
        {
            foreach (var o in node.Output)
            {
                _producers[o] = node;
            }
            foreach (var i in node.Input.Where(i => i.Length > 0).Distinct())
            {
                if (!_consumers.TryGetValue(i, out var list))
                {
                    _consumers[i] = list = [];
                }
                list.Add(node);
            }
        }
    }

    public GraphProto Graph { get; }

    public string File { get; }

    public bool IsInitializer(string name) => _initializers.ContainsKey(name);

    /// <summary>Nodes reading a tensor.</summary>
    public IReadOnlyList<NodeProto> Consumers(string tensor) =>
        _consumers.TryGetValue(tensor, out var list) ? list : [];

    /// <summary>"file: node 'name' (Op): " for messages.</summary>
    public string At(NodeProto node) =>
        $"{File}: node '{(node.Name.Length > 0 ? node.Name : node.Output.FirstOrDefault() ?? "?")}' ({node.OpType})";

    /// <summary>True when the tensor is a constant (possibly computed from constants).</summary>
    public bool IsConstant(string name)
    {
        if (name.Length == 0 || _initializers.ContainsKey(name) || _constants.ContainsKey(name))
        {
            return name.Length > 0;
        }
        if (!_producers.TryGetValue(name, out var node))
        {
            return false;
        }
        return node.OpType switch
        {
            "Constant" => true,
            "Sign" or "Transpose" or "Identity" or "BipolarQuant" or "Cast" => node.Input.Where(i => i.Length > 0).All(IsConstant),
            _ => false,
        };
    }

    /// <summary>The value of a constant tensor; <paramref name="user"/> is the node that needs it (for messages).</summary>
    public OnnxTensor Constant(string name, NodeProto user)
    {
        if (_constants.TryGetValue(name, out var cached))
        {
            return cached;
        }
        OnnxTensor value;
        if (_initializers.TryGetValue(name, out var init))
        {
            value = OnnxTensor.From(init, At(user));
        }
        else if (_producers.TryGetValue(name, out var node) && IsConstant(name))
        {
            value = Evaluate(node);
        }
        else
        {
            throw new BmcnnException($"{At(user)}: input '{name}' must be a constant (initializer or Constant node)");
        }
        _constants[name] = value;
        return value;
    }

    /// <summary>An attribute, or null when absent.</summary>
    public static AttributeProto? Attribute(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    public long[] Ints(NodeProto node, string name, long[] fallback) =>
        Attribute(node, name) is { } a ? a.Ints.ToArray() : fallback;

    public long Int(NodeProto node, string name, long fallback) => Attribute(node, name) is { } a ? a.I : fallback;

    public float Float(NodeProto node, string name, float fallback) => Attribute(node, name) is { } a ? a.F : fallback;

    private OnnxTensor Evaluate(NodeProto node)
    {
        switch (node.OpType)
        {
            case "Constant":
                var value = Attribute(node, "value");
                if (value is not null && value.T is not null)
                {
                    return OnnxTensor.From(value.T, At(node));
                }
                if (Attribute(node, "value_float") is { } f)
                {
                    return new OnnxTensor([], [f.F]);
                }
                if (Attribute(node, "value_floats") is { } fs)
                {
                    return new OnnxTensor([fs.Floats.Count], fs.Floats.Select(v => (double)v).ToArray());
                }
                if (Attribute(node, "value_int") is { } i)
                {
                    return new OnnxTensor([], [i.I]);
                }
                if (Attribute(node, "value_ints") is { } ints)
                {
                    return new OnnxTensor([ints.Ints.Count], ints.Ints.Select(v => (double)v).ToArray());
                }
                throw new BmcnnException($"{At(node)}: unsupported constant kind (sparse or string)");
            case "Identity":
            case "Cast":
                return Constant(node.Input[0], node);
            case "Sign":
                {
                    var x = Constant(node.Input[0], node);
                    return x with { Data = x.Data.Select(v => (double)Math.Sign(v)).ToArray() };
                }
            case "BipolarQuant":
                {
                    // QONNX: y = scale · (x ≥ 0 ? +1 : −1).
                    var x = Constant(node.Input[0], node);
                    var scale = node.Input.Count > 1 ? Constant(node.Input[1], node) : new OnnxTensor([], [1.0]);
                    if (scale.Count != 1)
                    {
                        throw new BmcnnException($"{At(node)}: only a scalar scale is supported, got {scale.Shape}");
                    }
                    return x with { Data = x.Data.Select(v => (v >= 0 ? 1.0 : -1.0) * scale.Data[0]).ToArray() };
                }
            case "Transpose":
                return Transpose(Constant(node.Input[0], node), node);
            default:
                throw new BmcnnException($"{At(node)}: cannot evaluate this op on constants");
        }
    }

    private OnnxTensor Transpose(OnnxTensor x, NodeProto node)
    {
        int rank = x.Dims.Length;
        var perm = Ints(node, "perm", Enumerable.Range(0, rank).Reverse().Select(i => (long)i).ToArray());
        if (perm.Length != rank || perm.Distinct().Count() != rank || perm.Any(p => p < 0 || p >= rank))
        {
            throw new BmcnnException($"{At(node)}: invalid perm [{string.Join(", ", perm)}] for a tensor of rank {rank}");
        }
        var outDims = perm.Select(p => x.Dims[p]).ToArray();
        var inStrides = new long[rank];
        for (int d = rank - 1, s = 1; d >= 0; d--)
        {
            inStrides[d] = s;
            s *= (int)x.Dims[d];
        }
        var data = new double[x.Count];
        var index = new long[rank];
        for (int o = 0; o < data.Length; o++)
        {
            long src = 0;
            for (int d = 0; d < rank; d++)
            {
                src += index[d] * inStrides[perm[d]];
            }
            data[o] = x.Data[src];
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < outDims[d])
                {
                    break;
                }
                index[d] = 0;
            }
        }
        return new OnnxTensor(outDims, data);
    }
}
