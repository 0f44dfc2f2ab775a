using Bmcnn.Network.Exchange;
using Google.Protobuf;
using Onnx;

namespace Bmcnn.Tests.Network.Exchange;

/// <summary>Builds small ONNX graphs in code, node by node, for importer tests.</summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph = new() { Name = "test" };
    private int _next;

    /// <summary>Starts a graph with an image input [N, C, H, W] (or [N, F] when <paramref name="height"/> is 0).</summary>
    public OnnxGraphBuilder(int channels, int height, int width)
    {
        var dims = height == 0 ? new long[] { 1, width } : [1, channels, height, width];
        _graph.Input.Add(Value("input", dims));
        Current = "input";
    }

    /// <summary>The activation tensor the next node reads.</summary>
    public string Current { get; private set; }

    /// <summary>Adds a float initializer and returns its name.</summary>
    public string Init(string name, long[] dims, IEnumerable<double> values)
    {
        _graph.Initializer.Add(OnnxTensor.Float(name, dims, values.Select(v => (float)v).ToArray()));
        return name;
    }

    /// <summary>Adds an int64 initializer (shapes).</summary>
    public string Ints(string name, params long[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(values.Length);
        t.Int64Data.AddRange(values);
        _graph.Initializer.Add(t);
        return name;
    }

    /// <summary>Adds a node on the current activation (extra inputs after it) and makes its output current.</summary>
    public NodeProto Node(string op, string[]? inputs = null, params AttributeProto[] attributes)
    {
        var node = Constant(op, [Current, .. inputs ?? []], attributes);
        Current = node.Output[0];
        return node;
    }

    /// <summary>Adds a node that does not read the activation (constants); returns it.</summary>
    public NodeProto Constant(string op, string[] inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op.ToLowerInvariant()}{_next}" };
        node.Input.AddRange(inputs);
        node.Output.Add($"act{_next++}");
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return node;
    }

    /// <summary>An ints attribute.</summary>
    public static AttributeProto IntsAttr(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    /// <summary>An int attribute.</summary>
    public static AttributeProto IntAttr(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float attribute.</summary>
    public static AttributeProto FloatAttr(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A tensor attribute (Constant's value).</summary>
    public static AttributeProto TensorAttr(string name, TensorProto value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = value };

    /// <summary>The model bytes, the current tensor being the output.</summary>
    public byte[] Build()
    {
        _graph.Output.Clear();
        _graph.Output.Add(Value(Current, []));
        var model = new ModelProto { IrVersion = 8, ProducerName = "test", Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = 13 });
        return model.ToByteArray();
    }

    private static ValueInfoProto Value(string name, long[] dims)
    {
        var shape = new TensorShapeProto();
        for (int i = 0; i < dims.Length; i++)
        {
            // The batch dimension is symbolic, as exporters write it.
            shape.Dim.Add(i == 0 ? new TensorShapeProto.Types.Dimension { DimParam = "N" }
                : new TensorShapeProto.Types.Dimension { DimValue = dims[i] });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
