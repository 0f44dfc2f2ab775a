namespace Bmcnn.Circuit.Analysis;

/// <summary>
/// Newton–Raphson settings of the DC operating point, with SPICE's defaults. An unknown has converged when its change
/// is within reltol·max(|new|,|old|) + vntol (node voltages) or + abstol (branch currents), and the KCL residual of
/// every node is within reltol·(largest current into the node) + abstol.
/// </summary>
public sealed record DcOptions
{
    /// <summary>Relative tolerance (SPICE <c>reltol</c>).</summary>
    public double RelTol { get; init; } = 1e-3;

    /// <summary>Absolute voltage tolerance in volts (SPICE <c>vntol</c>).</summary>
    public double VnTol { get; init; } = 1e-6;

    /// <summary>Absolute current tolerance in amperes (SPICE <c>abstol</c>).</summary>
    public double AbsTol { get; init; } = 1e-12;

    /// <summary>The smallest node-to-ground conductance gmin stepping ends at, in siemens (SPICE <c>gmin</c>).</summary>
    public double Gmin { get; init; } = 1e-12;

    /// <summary>Newton iteration limit of one solve (SPICE <c>itl1</c>).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Extra Newton steps after SPICE's test passes, so results agree with other simulators far below reltol.</summary>
    public int PolishIterations { get; init; } = 2;

    /// <summary>
    /// Threads a large sparse factorization may use (1 or 2 matter). The solution is bit-identical for any value:
    /// each column of the factors is computed by the same operations in the same order on whichever thread.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Try gmin stepping when plain Newton fails.</summary>
    public bool GminStepping { get; init; } = true;

    /// <summary>Try source stepping when gmin stepping fails.</summary>
    public bool SourceStepping { get; init; } = true;

    /// <summary>Checks the values; throws <see cref="BmcnnException"/> naming the bad field.</summary>
    public void Validate()
    {
        Positive(RelTol, "reltol");
        Positive(VnTol, "vntol");
        Positive(AbsTol, "abstol");
        if (!(Gmin >= 0) || double.IsInfinity(Gmin)) throw new BmcnnException($"DC options: gmin must be a non-negative number, got {Gmin}");
        if (MaxIterations < 1) throw new BmcnnException($"DC options: max iterations must be at least 1, got {MaxIterations}");
        if (Threads < 1) throw new BmcnnException($"DC options: threads must be at least 1, got {Threads}");
        if (PolishIterations < 0) throw new BmcnnException($"DC options: polish iterations must not be negative, got {PolishIterations}");
    }

    private static void Positive(double value, string field)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new BmcnnException($"DC options: {field} must be a positive number, got {value}");
        }
    }
}
