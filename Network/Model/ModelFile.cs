using System.Text.Json;
using Bmcnn.Circuit;

namespace Bmcnn.Network.Model;

/// <summary>
/// Reads and writes the versioned model file (UTF-8 JSON, format "bmcnn-model"; docs/model-format.md). Version 1
/// holds square stride-1 convolutions and non-overlapping pools; version 2 adds kernel height × width, stride,
/// padding, pools of any window and stride, and digital (float32-weight) layers. A model that version 1 can describe
/// is written as version 1, so existing files stay byte-identical. Binary weights are bit-packed (bit set = +1) and
/// base64-encoded; batch-norm parameters are float32 numbers. Loading validates everything and names the file and
/// field at fault.
/// </summary>
public static class ModelFile
{
    /// <summary>The format tag.</summary>
    public const string Format = "bmcnn-model";

    /// <summary>The newest version this code writes and reads (version 1 files are read too).</summary>
    public const int Version = 2;

    /// <summary>The version a model needs: 1 unless it uses a version 2 feature.</summary>
    public static int VersionFor(BnnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        bool v1 = model.Layers.All(l => l switch
        {
            BinaryConv2d c => c.Geometry.IsSimple && !c.Digital,
            BinaryLinear f => !f.Digital,
            MaxPool p => p.IsSimple,
            _ => true,
        });
        return v1 ? 1 : 2;
    }

    /// <summary>Writes the model to a file (temporary file, then rename).</summary>
    public static void Save(BnnModel model, string path)
    {
        AtomicFile.Write(path, stream => Write(model, stream));
    }

    /// <summary>Writes the model as JSON to a stream.</summary>
    public static void Write(BnnModel model, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", Format);
        int version = VersionFor(model);
        w.WriteNumber("version", version);
        w.WriteString("arch", model.Arch);
        w.WriteStartObject("input");
        w.WriteNumber("channels", model.Input.Channels);
        w.WriteNumber("height", model.Input.Height);
        w.WriteNumber("width", model.Input.Width);
        w.WriteNumber("bits", model.InputBits);
        w.WriteEndObject();
        w.WriteStartObject("metadata");
        foreach (var (key, value) in model.Metadata)
        {
            w.WriteString(key, value);
        }
        w.WriteEndObject();
        w.WriteStartArray("layers");
        foreach (var layer in model.Layers)
        {
            w.WriteStartObject();
            w.WriteString("type", layer.Type);
            w.WriteString("name", layer.Name);
            switch (layer)
            {
                case BinaryConv2d conv:
                    w.WriteNumber("in", conv.InChannels);
                    w.WriteNumber("out", conv.OutChannels);
                    if (version == 1)
                    {
                        w.WriteNumber("kernel", conv.Kernel);
                    }
                    else
                    {
                        var g = conv.Geometry;
                        WritePair(w, "kernel", g.KernelHeight, g.KernelWidth);
                        WritePair(w, "stride", g.StrideHeight, g.StrideWidth);
                        WritePair(w, "padding", g.PadHeight, g.PadWidth);
                    }
                    WriteWeights(w, conv);
                    break;
                case BinaryLinear linear:
                    w.WriteNumber("in", linear.Rows);
                    w.WriteNumber("out", linear.Columns);
                    WriteWeights(w, linear);
                    break;
                case BatchNorm bn:
                    w.WriteNumber("features", bn.Features);
                    w.WriteNumber("eps", bn.Eps);
                    WriteArray(w, "gamma", bn.Gamma);
                    WriteArray(w, "beta", bn.Beta);
                    WriteArray(w, "mean", bn.Mean);
                    WriteArray(w, "var", bn.Variance);
                    break;
                case MaxPool pool when version == 1:
                    w.WriteNumber("size", pool.Size);
                    break;
                case MaxPool pool:
                    WritePair(w, "size", pool.Window.KernelHeight, pool.Window.KernelWidth);
                    WritePair(w, "stride", pool.Window.StrideHeight, pool.Window.StrideWidth);
                    break;
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Loads and validates a model file.</summary>
    /// <exception cref="BmcnnException">Missing file, bad JSON, wrong format or version, bad field; names the file.</exception>
    public static BnnModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BmcnnException($"model file not found: {path}");
        }
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads and validates a model from a stream; <paramref name="name"/> appears in error messages.</summary>
    public static BnnModel Read(Stream stream, string name)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            throw new BmcnnException($"{name}: not a valid model file (JSON error at line {ex.LineNumber + 1}: {FirstSentence(ex.Message)})", ex);
        }
        using (doc)
        {
            try
            {
                return Parse(doc.RootElement, name);
            }
            catch (BmcnnException ex) when (!ex.Message.StartsWith(name, StringComparison.Ordinal))
            {
                throw new BmcnnException($"{name}: {ex.Message}", ex);
            }
        }
    }

    private static BnnModel Parse(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BmcnnException($"{name}: expected a JSON object at the top");
        }
        string format = Str(root, "format", "");
        if (format != Format)
        {
            throw new BmcnnException($"{name}: field 'format' is '{format}', expected '{Format}'");
        }
        int version = Int(root, "version", "");
        if (version != 1 && version != Version)
        {
            throw new BmcnnException($"{name}: model format version {version} is not supported (this build reads versions 1 and {Version})");
        }
        string arch = Str(root, "arch", "");
        var input = Obj(root, "input", "");
        var shape = new TensorShape(Int(input, "height", "input."), Int(input, "width", "input."), Int(input, "channels", "input."));
        if (shape.Height <= 0 || shape.Width <= 0 || shape.Channels <= 0)
        {
            throw new BmcnnException($"{name}: input sizes must be positive");
        }
        int bits = Int(input, "bits", "input.");
        var metadata = new Dictionary<string, string>();
        if (root.TryGetProperty("metadata", out var meta))
        {
            if (meta.ValueKind != JsonValueKind.Object)
            {
                throw new BmcnnException($"{name}: field 'metadata' must be an object");
            }
            foreach (var p in meta.EnumerateObject())
            {
                metadata[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }
        if (!root.TryGetProperty("layers", out var layersEl) || layersEl.ValueKind != JsonValueKind.Array)
        {
            throw new BmcnnException($"{name}: missing array field 'layers'");
        }
        var layers = new List<ModelLayer>();
        int index = 0;
        foreach (var el in layersEl.EnumerateArray())
        {
            string at = $"layers[{index}].";
            if (el.ValueKind != JsonValueKind.Object)
            {
                throw new BmcnnException($"{name}: {at.TrimEnd('.')} must be an object");
            }
            string type = Str(el, "type", at);
            string layerName = Str(el, "name", at);
            at = $"layers[{index}] ({layerName}).";
            layers.Add(type switch
            {
                "conv2d" => Conv(el, at, layerName, version),
                "linear" => Linear(el, at, layerName, version),
                "batchnorm" => new BatchNorm(layerName, Int(el, "features", at), Float(el, "eps", at),
                    Floats(el, "gamma", at), Floats(el, "beta", at), Floats(el, "mean", at), Floats(el, "var", at)),
                "sign" => new SignActivation(layerName),
                "maxpool" => version == 1 ? new MaxPool(layerName, Int(el, "size", at)) : Pool(el, at, layerName),
                "flatten" => new Flatten(layerName),
                _ => throw new BmcnnException($"{at}type: unknown layer type '{type}'"),
            });
            index++;
        }
        return new BnnModel(arch, shape, bits, layers, metadata);
    }

    private static BinaryConv2d Conv(JsonElement el, string at, string name, int version)
    {
        int cin = Int(el, "in", at), cout = Int(el, "out", at);
        var g = version == 1
            ? ConvGeometry.Square(Int(el, "kernel", at))
            : Geometry(Pair(el, "kernel", at), Pair(el, "stride", at), Pair(el, "padding", at));
        if (cin <= 0 || cout <= 0 || g.KernelHeight <= 0 || g.KernelWidth <= 0 || (long)cin * cout * g.KernelHeight * g.KernelWidth > 1L << 30)
        {
            throw new BmcnnException($"{at}: invalid sizes in {cin}, out {cout}, kernel {g.KernelHeight}×{g.KernelWidth}");
        }
        g.Validate(name);
        int count = g.Window * cin * cout;
        return Digital(el, at, version)
            ? new BinaryConv2d(name, cin, cout, g, FloatWeights(el, at, count))
            : new BinaryConv2d(name, cin, cout, g, Bits(el, at, count));
    }

    private static BinaryLinear Linear(JsonElement el, string at, string name, int version)
    {
        int fin = Int(el, "in", at), fout = Int(el, "out", at);
        if (fin <= 0 || fout <= 0 || (long)fin * fout > 1L << 30)
        {
            throw new BmcnnException($"{at}: invalid sizes in {fin}, out {fout}");
        }
        return Digital(el, at, version)
            ? new BinaryLinear(name, fin, fout, FloatWeights(el, at, fin * fout))
            : new BinaryLinear(name, fin, fout, Bits(el, at, fin * fout));
    }

    private static MaxPool Pool(JsonElement el, string at, string name)
    {
        var (h, w) = Pair(el, "size", at);
        return new MaxPool(name, Geometry((h, w), Pair(el, "stride", at), (0, 0)));
    }

    private static ConvGeometry Geometry((int H, int W) kernel, (int H, int W) stride, (int H, int W) pad) =>
        new(kernel.H, kernel.W, stride.H, stride.W, pad.H, pad.W);

    private static bool Digital(JsonElement el, string at, int version)
    {
        if (version == 1 || !el.TryGetProperty("precision", out _))
        {
            return false;
        }
        string precision = Str(el, "precision", at);
        return precision switch
        {
            "binary" => false,
            "float32" => true,
            _ => throw new BmcnnException($"field '{at}precision' is '{precision}', expected binary or float32"),
        };
    }

    private static void WriteWeights(Utf8JsonWriter w, WeightedLayer layer)
    {
        if (!layer.Digital)
        {
            w.WriteString("weights", Convert.ToBase64String(PackBits(layer.Weights)));
            return;
        }
        w.WriteString("precision", "float32");
        var bytes = new byte[layer.Values.Length * 4];
        for (int i = 0; i < layer.Values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), layer.Values[i]);
        }
        w.WriteString("weights", Convert.ToBase64String(bytes));
    }

    private static float[] FloatWeights(JsonElement el, string at, int count)
    {
        byte[] bytes = Base64(el, at);
        if (bytes.Length != 4L * count)
        {
            throw new BmcnnException(
                $"{at}weights: {bytes.Length} bytes, expected {4L * count} for {count} float32 weights (truncated or wrong sizes)");
        }
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 * i));
        }
        return values;
    }

    private static void WritePair(Utf8JsonWriter w, string field, int a, int b)
    {
        w.WriteStartArray(field);
        w.WriteNumberValue(a);
        w.WriteNumberValue(b);
        w.WriteEndArray();
    }

    private static (int, int) Pair(JsonElement el, string field, string at)
    {
        var v = Field(el, field, at);
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2 || v[0].ValueKind != JsonValueKind.Number
            || v[1].ValueKind != JsonValueKind.Number || !v[0].TryGetInt32(out int a) || !v[1].TryGetInt32(out int b))
        {
            throw new BmcnnException($"field '{at}{field}' must be an array of two integers [height, width]");
        }
        return (a, b);
    }

    /// <summary>Packs ±1 weights into bytes, least significant bit first; a set bit is +1.</summary>
    public static byte[] PackBits(sbyte[] weights)
    {
        var bytes = new byte[(weights.Length + 7) / 8];
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] > 0)
            {
                bytes[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
        return bytes;
    }

    private static byte[] Base64(JsonElement el, string at)
    {
        try
        {
            return Convert.FromBase64String(Str(el, "weights", at));
        }
        catch (FormatException)
        {
            throw new BmcnnException($"{at}weights: not valid base64");
        }
    }

    private static sbyte[] Bits(JsonElement el, string at, int count)
    {
        byte[] bytes = Base64(el, at);
        int expected = (count + 7) / 8;
        if (bytes.Length != expected)
        {
            throw new BmcnnException($"{at}weights: {bytes.Length} bytes, expected {expected} for {count} weights (truncated or wrong sizes)");
        }
        var weights = new sbyte[count];
        for (int i = 0; i < count; i++)
        {
            weights[i] = (bytes[i >> 3] & (1 << (i & 7))) != 0 ? (sbyte)1 : (sbyte)-1;
        }
        return weights;
    }

    private static void WriteArray(Utf8JsonWriter w, string field, float[] values)
    {
        w.WriteStartArray(field);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }
        w.WriteEndArray();
    }

    private static JsonElement Field(JsonElement el, string field, string at)
    {
        if (!el.TryGetProperty(field, out var value))
        {
            throw new BmcnnException($"missing field '{at}{field}'");
        }
        return value;
    }

    private static JsonElement Obj(JsonElement el, string field, string at)
    {
        var v = Field(el, field, at);
        return v.ValueKind == JsonValueKind.Object ? v : throw new BmcnnException($"field '{at}{field}' must be an object");
    }

    private static string Str(JsonElement el, string field, string at)
    {
        var v = Field(el, field, at);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new BmcnnException($"field '{at}{field}' must be a string");
    }

    private static int Int(JsonElement el, string field, string at)
    {
        var v = Field(el, field, at);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i)
            ? i
            : throw new BmcnnException($"field '{at}{field}' must be an integer");
    }

    private static float Float(JsonElement el, string field, string at)
    {
        var v = Field(el, field, at);
        return v.ValueKind == JsonValueKind.Number && v.TryGetSingle(out float f) && float.IsFinite(f)
            ? f
            : throw new BmcnnException($"field '{at}{field}' must be a finite number");
    }

    private static float[] Floats(JsonElement el, string field, string at)
    {
        var v = Field(el, field, at);
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new BmcnnException($"field '{at}{field}' must be an array of numbers");
        }
        var result = new float[v.GetArrayLength()];
        int i = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetSingle(out float f) || !float.IsFinite(f))
            {
                throw new BmcnnException($"field '{at}{field}[{i}]' must be a finite number");
            }
            result[i++] = f;
        }
        return result;
    }

    private static string FirstSentence(string message)
    {
        int dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..dot] : message;
    }
}
