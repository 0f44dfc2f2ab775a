using Onnx;

namespace Bmcnn.Network.Exchange;

/// <summary>Appends nodes and float initializers to an ONNX graph with generated tensor names.</summary>
internal sealed class GraphWriter
{
    private readonly HashSet<string> _initializers = new(StringComparer.Ordinal);
    private int _next;

    public GraphProto Graph { get; } = new() { Name = "bmcnn" };

    public string Node(string op, string[] inputs, params AttributeProto[] attributes) => Node(op, inputs, null, attributes);

    public string Node(string op, string[] inputs, string? output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op}_{_next}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output ?? $"{op.ToLowerInvariant()}_{_next}");
        node.Attribute.AddRange(attributes);
        _next++;
        Graph.Node.Add(node);
        return node.Output[0];
    }

    public string Init(string name, long[] dims, IReadOnlyList<float> values)
    {
        if (_initializers.Add(name))
        {
            Graph.Initializer.Add(OnnxTensor.Float(name, dims, values));
        }
        return name;
    }

    public string Scalar(string name, float value) => Init(name, [], [value]);

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float tensor value description; a string dimension is symbolic.</summary>
    public static ValueInfoProto Value(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d is string s ? new TensorShapeProto.Types.Dimension { DimParam = s }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture) });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
