namespace Bmcnn.Devices.Programming;

/// <summary>
/// The numbers a programming report shows: pulses per device, the final resistance distribution per state, the
/// disturbance of cells that were not selected, and the write energy.
/// </summary>
public sealed record ProgrammingSummary
{
    /// <summary>Devices in the crossbar.</summary>
    public required int Devices { get; init; }

    /// <summary>Write pulses applied (one pulse serves all its row's selected cells).</summary>
    public required int Pulses { get; init; }

    /// <summary>Mean write pulses a device received.</summary>
    public required double MeanPulsesPerDevice { get; init; }

    /// <summary>Most write pulses one device received.</summary>
    public required int MaxPulsesPerDevice { get; init; }

    /// <summary>Devices by pulses received: <c>Histogram[p]</c> devices got p pulses.</summary>
    public required int[] Histogram { get; init; }

    /// <summary>Devices whose verify loop ended out of tolerance (pulse budget used up).</summary>
    public required int Unconverged { get; init; }

    /// <summary>Final resistances of the R_ON devices.</summary>
    public required StateStatistics On { get; init; }

    /// <summary>Final resistances of the R_OFF devices.</summary>
    public required StateStatistics Off { get; init; }

    /// <summary>Mean over devices of the state drift accumulated while other cells were written (|Δs| summed).</summary>
    public required double MeanDrift { get; init; }

    /// <summary>Largest state drift of one device while other cells were written.</summary>
    public required double MaxDrift { get; init; }

    /// <summary>Devices that drifted more than 1e-6 in state while other cells were written.</summary>
    public required int Disturbed { get; init; }

    /// <summary>Largest relative change of a read resistance between its row's verify and the end of the run.</summary>
    public required double MaxReadChange { get; init; }

    /// <summary>Devices within tolerance at their row's verify but out of it at the end (disturbed out).</summary>
    public required int DisturbedOut { get; init; }

    /// <summary>Energy the sources delivered during write pulses, joules.</summary>
    public required double WriteEnergy { get; init; }

    /// <summary>Energy the sources delivered during verify reads, joules.</summary>
    public required double ReadEnergy { get; init; }

    /// <summary>Write energy per device, joules.</summary>
    public double WriteEnergyPerDevice => WriteEnergy / Devices;

    /// <summary>Summarises a run.</summary>
    public static ProgrammingSummary Of(ProgrammingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var count = run.Rows * run.Columns;
        var max = run.Pulses.Max();
        var histogram = new int[max + 1];
        foreach (var p in run.Pulses) histogram[p]++;
        var on = new List<double>();
        var off = new List<double>();
        double readChange = 0;
        int disturbedOut = 0, disturbed = 0;
        var tolerance = run.Setup.Tolerance;
        for (var k = 0; k < count; k++)
        {
            (run.TargetOn[k] ? on : off).Add(run.Resistance(k));
            readChange = Math.Max(readChange, Math.Abs(run.FinalRead[k] / run.VerifiedRead[k] - 1));
            if (run.Converged[k] && Math.Abs(run.FinalRead[k] / run.Target(k) - 1) > tolerance) disturbedOut++;
            if (run.Drift[k] > 1e-6) disturbed++;
        }
        return new ProgrammingSummary
        {
            Devices = count,
            Pulses = run.Log.Count,
            MeanPulsesPerDevice = run.Pulses.Average(),
            MaxPulsesPerDevice = max,
            Histogram = histogram,
            Unconverged = run.Converged.Count(c => !c),
            On = StateStatistics.Of(on, run.Setup.TargetOn, tolerance),
            Off = StateStatistics.Of(off, run.Setup.TargetOff, tolerance),
            MeanDrift = run.Drift.Average(),
            MaxDrift = run.Drift.Max(),
            Disturbed = disturbed,
            MaxReadChange = readChange,
            DisturbedOut = disturbedOut,
            WriteEnergy = run.WriteEnergy,
            ReadEnergy = run.ReadEnergy,
        };
    }
}
