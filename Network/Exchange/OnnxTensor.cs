using Bmcnn.Circuit;
using Google.Protobuf;
using Onnx;

namespace Bmcnn.Network.Exchange;

/// <summary>A constant tensor of an ONNX graph (an initializer, a Constant node or an expression of constants) as
/// doubles in row-major order with its dimensions.</summary>
/// <param name="Dims">Dimensions (empty for a scalar).</param>
/// <param name="Data">Values, row-major.</param>
public sealed record OnnxTensor(long[] Dims, double[] Data)
{
    /// <summary>Reads a TensorProto of float, double or integer type; <paramref name="at"/> prefixes errors.</summary>
    public static OnnxTensor From(TensorProto t, string at)
    {
        ArgumentNullException.ThrowIfNull(t);
        var dims = t.Dims.ToArray();
        if (t.DataLocation == TensorProto.Types.DataLocation.External || t.ExternalData.Count > 0)
        {
            throw new BmcnnException($"{at}: tensor '{t.Name}' keeps its data in an external file, which is not supported");
        }
        long count = dims.Aggregate(1L, (a, d) => a * d);
        if (count < 0 || count > 1L << 30)
        {
            throw new BmcnnException($"{at}: tensor '{t.Name}' has invalid dimensions [{string.Join(", ", dims)}]");
        }
        var raw = t.RawData.Span;
        double[] data = (TensorProto.Types.DataType)t.DataType switch
        {
            TensorProto.Types.DataType.Float => raw.Length > 0 ? Raw(raw, 4, count, t.Name, at, b => BitConverter.ToSingle(b))
                : t.FloatData.Select(v => (double)v).ToArray(),
            TensorProto.Types.DataType.Double => raw.Length > 0 ? Raw(raw, 8, count, t.Name, at, b => BitConverter.ToDouble(b))
                : t.DoubleData.ToArray(),
            TensorProto.Types.DataType.Int64 => raw.Length > 0 ? Raw(raw, 8, count, t.Name, at, b => BitConverter.ToInt64(b))
                : t.Int64Data.Select(v => (double)v).ToArray(),
            TensorProto.Types.DataType.Int32 => raw.Length > 0 ? Raw(raw, 4, count, t.Name, at, b => BitConverter.ToInt32(b))
                : t.Int32Data.Select(v => (double)v).ToArray(),
            var other => throw new BmcnnException($"{at}: tensor '{t.Name}' has data type {other}, expected float, double or integers"),
        };
        if (data.Length != count)
        {
            throw new BmcnnException($"{at}: tensor '{t.Name}' holds {data.Length} values for dimensions [{string.Join(", ", dims)}]");
        }
        return new OnnxTensor(dims, data);
    }

    /// <summary>A float32 TensorProto of these dimensions and values (for writing).</summary>
    public static TensorProto Float(string name, long[] dims, IReadOnlyList<float> values)
    {
        var bytes = new byte[values.Count * 4];
        for (int i = 0; i < values.Count; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(4 * i), values[i]);
        }
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        t.Dims.AddRange(dims);
        return t;
    }

    /// <summary>Number of values.</summary>
    public int Count => Data.Length;

    /// <summary>The dimensions as text, e.g. [16, 8, 3, 3].</summary>
    public string Shape => $"[{string.Join(", ", Dims)}]";

    private static double[] Raw(ReadOnlySpan<byte> raw, int size, long count, string name, string at, Func<byte[], double> read)
    {
        if (raw.Length != count * size)
        {
            throw new BmcnnException($"{at}: tensor '{name}' has {raw.Length} bytes of data, expected {count * size} (truncated?)");
        }
        if (!BitConverter.IsLittleEndian)
        {
            throw new BmcnnException("ONNX raw tensor data is little-endian; this machine is not");
        }
        var data = new double[count];
        var buffer = new byte[size];
        for (int i = 0; i < count; i++)
        {
            raw.Slice(i * size, size).CopyTo(buffer);
            data[i] = read(buffer);
        }
        return data;
    }
}
