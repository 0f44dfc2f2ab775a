namespace Bmcnn.Circuit.Analysis;

/// <summary>
/// Transient settings with SPICE's defaults: the Newton tolerances (reltol, vntol, abstol) are those of
/// <see cref="Dc"/>; the step is chosen so that the local truncation error of every stored charge stays within trtol
/// times max(abstol + reltol·|current|, reltol·max(|charge|, chgtol)/step).
/// </summary>
public sealed record TransientOptions
{
    /// <summary>Newton settings; its iteration limit applies to the initial operating point (SPICE <c>itl1</c>).</summary>
    public DcOptions Dc { get; init; } = new();

    /// <summary>Charge tolerance in coulombs (SPICE <c>chgtol</c>).</summary>
    public double ChgTol { get; init; } = 1e-14;

    /// <summary>Truncation-error overestimation factor (SPICE <c>trtol</c>).</summary>
    public double TrTol { get; init; } = 7;

    /// <summary>Newton iteration limit at one time point (SPICE <c>itl4</c>); the step is cut by 8 when it is reached.</summary>
    public int StepIterations { get; init; } = 10;

    /// <summary>Throws <see cref="BmcnnException"/> naming a bad field.</summary>
    public void Validate()
    {
        Dc.Validate();
        if (!(ChgTol > 0) || double.IsInfinity(ChgTol)) throw new BmcnnException($"transient options: chgtol must be positive, got {ChgTol}");
        if (!(TrTol > 0) || double.IsInfinity(TrTol)) throw new BmcnnException($"transient options: trtol must be positive, got {TrTol}");
        if (StepIterations < 2) throw new BmcnnException($"transient options: itl4 must be at least 2, got {StepIterations}");
    }
}
