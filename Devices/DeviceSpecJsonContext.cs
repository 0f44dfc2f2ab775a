using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bmcnn.Devices;

/// <summary>
/// Compile-time JSON metadata of <see cref="DeviceSpec"/> (System.Text.Json source generation), so spec files work in
/// the NativeAOT build where reflection-based serialization is disabled. The options are the file format: camelCase
/// fields, unknown fields refused, comments and trailing commas allowed, indented output, kebab-case enum names.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    Converters =
    [
        typeof(KebabCaseEnumConverter<VariationDistribution>),
        typeof(KebabCaseEnumConverter<Nonlinearity>),
        typeof(KebabCaseEnumConverter<Termination>),
        typeof(KebabCaseEnumConverter<WeightScheme>),
        typeof(KebabCaseEnumConverter<TileSchedule>),
    ])]
[JsonSerializable(typeof(DeviceSpec))]
internal sealed partial class DeviceSpecJsonContext : JsonSerializerContext;
