using Bmcnn.Circuit;
using Bmcnn.Devices.Dynamic;

namespace Bmcnn.Devices.Programming;

/// <summary>
/// Everything a program-and-verify run needs besides the pattern: the device model, the wires, the half-select scheme,
/// the set and reset pulses, the read and the verify loop's stop rule. Defaults: VTEAM with MemTorch's dynamics
/// between R_ON = 10 kΩ and R_OFF = 100 kΩ (the <c>rram</c> preset's), 0.1 Ω wire segments (at 1 Ω a 128-wide
/// row of such devices loses a third of its read and write voltage along the wire), V/2, set −0.3 V × 1 ns
/// (|V/2| = 0.15 V stays inside the −0.2 V threshold), reset +0.035 V × 1 µs (V/2 = 17.5 mV stays under 20 mV), read
/// +10 mV (between the thresholds, so reading never moves a state), ±10% tolerance, 50 pulses per device.
/// </summary>
public sealed record ProgrammingSetup
{
    /// <summary>The device model (its Ron and Roff are the programming targets' bounds).</summary>
    public VteamModel Model { get; init; } = new() { ROn = 10e3, ROff = 100e3 };

    /// <summary>Resistance of each row wire segment, ohms (0 = ideal).</summary>
    public double RowWireOhms { get; init; } = 0.1;

    /// <summary>Resistance of each column wire segment, ohms (0 = ideal).</summary>
    public double ColumnWireOhms { get; init; } = 0.1;

    /// <summary>Half-select scheme.</summary>
    public WriteScheme Scheme { get; init; } = WriteScheme.V2;

    /// <summary>The pulse that moves a device towards R_ON (negative amplitude for VTEAM).</summary>
    public WritePulse Set { get; init; } = new(-0.3, 1e-9);

    /// <summary>The pulse that moves a device towards R_OFF (positive amplitude for VTEAM).</summary>
    public WritePulse Reset { get; init; } = new(0.035, 1e-6);

    /// <summary>Read voltage of the selected row, volts; it must lie between the model's thresholds.</summary>
    public double ReadVolts { get; init; } = 0.01;

    /// <summary>Duration of one read, seconds (for the read energy only).</summary>
    public double ReadWidth { get; init; } = 10e-9;

    /// <summary>Target resistance of an ON cell, ohms.</summary>
    public double TargetOn { get; init; } = 10e3;

    /// <summary>Target resistance of an OFF cell, ohms.</summary>
    public double TargetOff { get; init; } = 100e3;

    /// <summary>Relative tolerance of the verify loop: a cell is done when its read resistance is within ±this of its target.</summary>
    public double Tolerance { get; init; } = 0.1;

    /// <summary>Pulse budget per device.</summary>
    public int MaxPulses { get; init; } = 50;

    /// <summary>Quasi-static solves over a pulse's flat top (each edge gets one more).</summary>
    public int StepsPerPulse { get; init; } = 10;

    /// <summary>State every device starts from (0 = R_ON, 1 = R_OFF).</summary>
    public double InitialState { get; init; } = 0.5;

    /// <summary>Device-to-device lognormal σ of the speeds kon and koff (each device its own factor; 0 = identical devices).</summary>
    public double SpeedSigma { get; init; } = 0.2;

    /// <summary>Seed of the device-to-device draws.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Throws a one-line <see cref="BmcnnException"/> naming the first impossible field.</summary>
    public ProgrammingSetup Validate()
    {
        Model.Validate();
        Set.Validate("--set-width/--set-amplitude");
        Reset.Validate("--reset-width/--reset-amplitude");
        if (!(RowWireOhms >= 0) || !(ColumnWireOhms >= 0) || double.IsInfinity(RowWireOhms) || double.IsInfinity(ColumnWireOhms))
        {
            throw new BmcnnException($"--r-wire: must be a finite resistance ≥ 0 Ω, got {RowWireOhms}");
        }
        if (!Model.IsBelowThresholds(ReadVolts) || ReadVolts == 0)
        {
            throw new BmcnnException($"--read-voltage: {ReadVolts} V must be non-zero and between the thresholds ({Model.VOn} V, {Model.VOff} V)");
        }
        if (!(ReadWidth > 0)) throw new BmcnnException($"--read-width: must be positive, got {ReadWidth} s");
        if (!(TargetOn >= Model.ROn) || !(TargetOff <= Model.ROff) || !(TargetOn < TargetOff))
        {
            throw new BmcnnException($"targets: need ron ≤ R_ON target < R_OFF target ≤ roff, got {TargetOn} and {TargetOff} Ω");
        }
        if (!(Tolerance > 0 && Tolerance < 1)) throw new BmcnnException($"--tolerance: must be between 0 and 1, got {Tolerance}");
        if (MaxPulses < 1) throw new BmcnnException($"--max-pulses: must be at least 1, got {MaxPulses}");
        if (StepsPerPulse < 1 || StepsPerPulse > 100000) throw new BmcnnException($"--steps: must be 1..100000, got {StepsPerPulse}");
        if (!(InitialState > 0 && InitialState < 1))
        {
            throw new BmcnnException($"--initial-state: must lie strictly between 0 and 1 (the window holds the bounds), got {InitialState}");
        }
        if (!(SpeedSigma >= 0 && SpeedSigma <= 2)) throw new BmcnnException($"--variation: must be in [0, 2], got {SpeedSigma}");
        return this;
    }

    /// <summary>Voltages of the selected row, other rows, selected columns and other columns for a pulse of amplitude <paramref name="v"/>.</summary>
    public (double Row, double OtherRows, double Column, double OtherColumns) Bias(double v) => Scheme == WriteScheme.V2
        ? (v, v / 2, 0, v / 2)
        : (v, v / 3, 0, 2 * v / 3);
}
