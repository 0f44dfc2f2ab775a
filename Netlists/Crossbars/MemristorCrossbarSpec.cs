namespace Bmcnn.Netlists.Crossbars;

/// <summary>
/// An R×C crossbar of memristor subcircuits written into by V/2 half-select pulses (see
/// <see cref="MemristorCrossbarWriter"/>). Times in seconds, voltages in volts, resistances in ohms, capacitances in
/// farads.
/// </summary>
public sealed record MemristorCrossbarSpec
{
    /// <summary>Rows (word lines), driven from their left ends.</summary>
    public required int Rows { get; init; }

    /// <summary>Columns (bit lines), driven from their bottom ends.</summary>
    public required int Columns { get; init; }

    /// <summary>The library text with the subcircuit (embedded verbatim in the deck).</summary>
    public required string Library { get; init; }

    /// <summary>The library's name in messages and in the deck's comment.</summary>
    public string LibraryName { get; init; } = "memristors.lib";

    /// <summary>The subcircuit, e.g. <c>vteam</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Resistance of each wire segment between neighbouring cells and between a driver and its line (&gt; 0).</summary>
    public required double WireOhms { get; init; }

    /// <summary>Capacitance to ground at every cell node of the rows and columns (0: none).</summary>
    public double WireFarads { get; init; }

    /// <summary>Parameter values for every instance, replacing the library's defaults.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();

    /// <summary>Log-normal device-to-device spread σ per parameter (see <see cref="ModelParameters.Draw"/>).</summary>
    public IReadOnlyDictionary<string, double> Sigma { get; init; } = new Dictionary<string, double>();

    /// <summary>The seed of the parameter draws.</summary>
    public ulong Seed { get; init; }

    /// <summary>The pulses, in order.</summary>
    public required IReadOnlyList<WritePulse> Pulses { get; init; }

    /// <summary>The voltage across a selected cell; half-selected cells get half of it.</summary>
    public required double WriteVolts { get; init; }

    /// <summary>Time at full voltage per pulse.</summary>
    public required double PulseWidth { get; init; }

    /// <summary>Rise and fall time of each pulse.</summary>
    public required double Edge { get; init; }

    /// <summary>Time at 0 V before each pulse and after the last.</summary>
    public required double Gap { get; init; }

    /// <summary>
    /// A <c>.options reltol=</c> line for both simulators (null: none, SPICE's 1e-3). A state that barely moves has a
    /// tiny range, and Newton's stopping test at reltol 1e-3 differs between simulators by more than 1e-3 of it.
    /// </summary>
    public double? RelTol { get; init; }
}
