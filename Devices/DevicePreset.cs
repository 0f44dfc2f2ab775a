namespace Bmcnn.Devices;

/// <summary>A named device spec with the published source of its values.</summary>
/// <param name="Name">Preset name as used on the command line and in spec files (<c>"preset": "rram"</c>).</param>
/// <param name="Spec">The values.</param>
/// <param name="Source">Where the values come from.</param>
public sealed record DevicePreset(string Name, DeviceSpec Spec, string Source);
