using Bmcnn.Circuit;

namespace Bmcnn.Devices;

/// <summary>
/// The named device presets. Values not named in a source are the project's defaults (ideal periphery, no
/// variation); docs/mapping.md lists them all with their sources.
/// </summary>
public static class DevicePresets
{
    /// <summary>Name of the default preset.</summary>
    public const string DefaultName = "rram";

    /// <summary>
    /// TiO2 linear-ion-drift memristor: R_ON 100 Ω, R_OFF 16 kΩ, the defaults of MemTorch's
    /// <c>memtorch.bh.memristor.LinearIonDrift</c> (r_on=100, r_off=16e3), after Strukov et al., "The missing
    /// memristor found", Nature 453 (2008). Read at 0.2 V, below that model's ±0.55 V write thresholds.
    /// </summary>
    public static DevicePreset TiO2MemTorch { get; } = new(
        "tio2-memtorch",
        new DeviceSpec { Name = "tio2-memtorch", ROn = 100, ROff = 16e3, VRead = 0.2 },
        "MemTorch LinearIonDrift defaults r_on=100, r_off=16e3 (Lammie et al., MemTorch, Neurocomputing 2022; Strukov et al., Nature 453, 2008); " +
            "v_read 0.2 V below its 0.55 V write threshold");

    /// <summary>
    /// RRAM-like binary device: R_ON 10 kΩ, R_OFF 100 kΩ (on/off ratio 10, the ratio DESIGN.md's variation numbers
    /// assume), read at 0.2 V.
    /// </summary>
    public static DevicePreset Rram { get; } = new(
        "rram",
        new DeviceSpec { Name = "rram", ROn = 10e3, ROff = 100e3, VRead = 0.2 },
        "RRAM-like LRS 10 kΩ / HRS 100 kΩ (on/off 10), the RRAM example of the reference study; v_read 0.2 V");

    /// <summary>
    /// The RRAM preset with the periphery NeuroSim assumes by default (DNN_NeuroSim_V1.0 Param.cpp): 128×128
    /// sub-arrays and a 40 nm copper wire (ρ = 4.03e-8 Ω·m, aspect ratio 1.9) over a 2F cross-point cell, about 1 Ω
    /// per segment on rows and columns.
    /// </summary>
    public static DevicePreset RramWires { get; } = new(
        "rram-wires",
        Rram.Spec with { Name = "rram-wires", RWireRow = 1.06, RWireColumn = 1.06 },
        "rram plus 1.06 Ω/segment: NeuroSim (DNN_NeuroSim_V1.0 Param.cpp) 40 nm wire, rho 4.03e-8 Ω·m, AR 1.9, 2F cell pitch");

    /// <summary>All presets, by name.</summary>
    public static IReadOnlyList<DevicePreset> All { get; } = new[] { TiO2MemTorch, Rram, RramWires };

    /// <summary>The preset of that name (case-insensitive).</summary>
    /// <exception cref="BmcnnException">When no preset has that name.</exception>
    public static DevicePreset Get(string name) =>
        All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new BmcnnException($"unknown device preset '{name}' (known: {string.Join(", ", All.Select(p => p.Name))})");
}
