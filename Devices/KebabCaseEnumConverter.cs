using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bmcnn.Devices;

/// <summary>
/// Device spec enums as kebab-case strings (<c>"sense-resistor"</c>), never as numbers. A closed generic converter
/// with a parameterless constructor, so the JSON source generator can create it (no reflection, NativeAOT-safe).
/// </summary>
internal sealed class KebabCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public KebabCaseEnumConverter()
        : base(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    {
    }
}
