using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Bmcnn.Circuit;

namespace Bmcnn.Devices;

/// <summary>
/// Device spec files: a JSON object whose optional <c>"preset"</c> names the starting values (default
/// <see cref="DevicePresets.DefaultName"/>) and whose other fields override them, in the camelCase spelling of the
/// <see cref="DeviceSpec"/> properties (<c>rOn</c>, <c>sigmaOff</c>, <c>scheme</c>: <c>"differential"</c>, ...).
/// Unknown fields and impossible values are refused with a one-line message naming the file and the field.
/// </summary>
public static class DeviceSpecFile
{
    // Source-generated metadata and the format's options (DeviceSpecJsonContext): no reflection, NativeAOT-safe.
    private static JsonTypeInfo<DeviceSpec> SpecInfo => DeviceSpecJsonContext.Default.DeviceSpec;

    /// <summary>Reads and validates a spec file.</summary>
    public static DeviceSpec Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"device spec file '{path}' not found", path);
        return Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>
    /// Parses and validates spec text; <paramref name="source"/> names it in error messages, and a relative
    /// <c>empiricalFile</c> is resolved against <paramref name="folder"/> (default: the working folder).
    /// </summary>
    public static DeviceSpec Parse(string json, string source = "device spec", string? folder = null)
    {
        JsonObject user;
        try
        {
            user = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            }) as JsonObject ?? throw new BmcnnException($"{source}: expected a JSON object");
        }
        catch (JsonException ex)
        {
            throw new BmcnnException($"{source}: line {ex.LineNumber + 1}: {FirstSentence(ex.Message)}", ex);
        }

        var presetName = DevicePresets.DefaultName;
        if (user["preset"] is { } presetNode)
        {
            presetName = presetNode.GetValueKind() == JsonValueKind.String
                ? presetNode.GetValue<string>()
                : throw new BmcnnException($"{source}: field 'preset' must be a string");
            user.Remove("preset");
        }
        var preset = DevicePresets.Get(presetName);

        // Overlay the user's fields on the preset's, then let the serializer map and type-check every field.
        var merged = (JsonObject)JsonSerializer.SerializeToNode(preset.Spec, SpecInfo)!;
        merged["name"] = Path.GetFileNameWithoutExtension(source) is { Length: > 0 } stem && source != "device spec" ? stem : preset.Name;
        foreach (var (key, value) in user)
        {
            // A section overlays its defaults field by field (a missing field would otherwise read as 0).
            if (value is JsonObject section && merged[key] is JsonObject defaults)
            {
                foreach (var (field, fieldValue) in section) defaults[field] = fieldValue?.DeepClone();
                continue;
            }
            merged[key] = value?.DeepClone();
        }
        try
        {
            var spec = merged.Deserialize(SpecInfo) ?? throw new BmcnnException($"{source}: empty spec");
            if (folder is not null && spec.EmpiricalFile is { Length: > 0 } file && !Path.IsPathRooted(file))
            {
                spec = spec with { EmpiricalFile = Path.Combine(folder, file) };
            }
            return spec.Validate();
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "?";
            throw new BmcnnException($"{source}: field '{field}' {Explain(field, ex.Message)}", ex);
        }
        catch (BmcnnException ex) when (ex.Message.StartsWith("device spec:", StringComparison.Ordinal))
        {
            throw new BmcnnException($"{source}: {ex.Message["device spec: ".Length..]}", ex);
        }
    }

    /// <summary>The spec as JSON text (every field, so the file documents itself).</summary>
    public static string ToJson(DeviceSpec spec) => JsonSerializer.Serialize(spec, SpecInfo);

    /// <summary>Writes the spec as JSON via a temporary file and a rename.</summary>
    public static void Save(DeviceSpec spec, string path)
    {
        AtomicFile.WriteText(path, ToJson(spec) + Environment.NewLine);
    }

    private static string FirstSentence(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        foreach (var marker in new[] { ". Path:", " LineNumber:" })
        {
            var cut = line.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) line = line[..cut];
        }
        return line.TrimEnd('.', ' ');
    }

    private static string Explain(string field, string message)
    {
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "is not a device spec field (known: preset, " + string.Join(", ", KnownFields()) + ")";
        }
        var type = SpecInfo.Properties.FirstOrDefault(p => p.Name.Equals(field, StringComparison.OrdinalIgnoreCase))?.PropertyType;
        if (type is { IsEnum: true })
        {
            var names = Enum.GetNames(type).Select(n => JsonNamingPolicy.KebabCaseLower.ConvertName(n));
            return "must be one of " + string.Join(", ", names);
        }
        if (type == typeof(double)) return "must be a number";
        if (type == typeof(int)) return "must be an integer";
        if (type == typeof(string)) return "must be a string";
        return FirstSentence(message);
    }

    private static IEnumerable<string> KnownFields() =>
        ((JsonObject)JsonSerializer.SerializeToNode(DevicePresets.TiO2MemTorch.Spec, SpecInfo)!).Select(kv => kv.Key);
}
