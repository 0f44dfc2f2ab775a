namespace Bmcnn.Devices.Programming;

/// <summary>
/// What a program-and-verify run did, per device (row-major, rows × columns) and in total. Resistances are the
/// devices' own (from their final state); read resistances are what the verify reads saw (read voltage over column
/// current, wires and neighbours included).
/// </summary>
public sealed class ProgrammingRun
{
    internal ProgrammingRun(ProgrammingSetup setup, int rows, int columns, bool[] targetOn, double[] initialStates,
        double[] onScale, double[] offScale)
    {
        Setup = setup;
        Rows = rows;
        Columns = columns;
        TargetOn = targetOn;
        InitialStates = initialStates;
        OnScale = onScale;
        OffScale = offScale;
        States = (double[])initialStates.Clone();
        Pulses = new int[rows * columns];
        Drift = new double[rows * columns];
        VerifiedRead = new double[rows * columns];
        FinalRead = new double[rows * columns];
        Converged = new bool[rows * columns];
    }

    /// <summary>The setup the run used.</summary>
    public ProgrammingSetup Setup { get; }

    /// <summary>Rows of the crossbar.</summary>
    public int Rows { get; }

    /// <summary>Columns of the crossbar.</summary>
    public int Columns { get; }

    /// <summary>Per device: true for an R_ON target, false for R_OFF.</summary>
    public bool[] TargetOn { get; }

    /// <summary>Per device: the state it started from.</summary>
    public double[] InitialStates { get; }

    /// <summary>Per device: factor on kon (device-to-device variation).</summary>
    public double[] OnScale { get; }

    /// <summary>Per device: factor on koff (device-to-device variation).</summary>
    public double[] OffScale { get; }

    /// <summary>Per device: state at the end of the run.</summary>
    public double[] States { get; }

    /// <summary>Per device: write pulses it received as a selected cell.</summary>
    public int[] Pulses { get; }

    /// <summary>Per device: total |Δs| it drifted during pulses that did not select it (half-select disturbance).</summary>
    public double[] Drift { get; }

    /// <summary>Per device: its read resistance when its row's verify loop ended, ohms.</summary>
    public double[] VerifiedRead { get; }

    /// <summary>Per device: its read resistance after the whole crossbar was written, ohms.</summary>
    public double[] FinalRead { get; }

    /// <summary>Per device: true when its row's verify loop ended with it within tolerance.</summary>
    public bool[] Converged { get; }

    /// <summary>The pulses in the order they were applied.</summary>
    public List<AppliedPulse> Log { get; } = [];

    /// <summary>Energy the sources delivered during write pulses, joules.</summary>
    public double WriteEnergy { get; internal set; }

    /// <summary>Energy the sources delivered during verify reads, joules.</summary>
    public double ReadEnergy { get; internal set; }

    /// <summary>Verify reads (one read senses a whole row).</summary>
    public int Reads { get; internal set; }

    /// <summary>Time the pulses drive the lines, seconds (reads and idle time excluded).</summary>
    public double PulseTime { get; internal set; }

    /// <summary>Line-relaxation sweeps over all crossbar solves (effort of the quasi-static simulation).</summary>
    public long Sweeps { get; internal set; }

    /// <summary>Crossbar solves (quasi-static steps and reads).</summary>
    public long Solves { get; internal set; }

    /// <summary>Device resistance at the end of the run, ohms.</summary>
    public double Resistance(int index) => Setup.Model.Resistance(States[index]);

    /// <summary>Target resistance of a device, ohms.</summary>
    public double Target(int index) => TargetOn[index] ? Setup.TargetOn : Setup.TargetOff;
}
