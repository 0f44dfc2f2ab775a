namespace Bmcnn.Circuit.Analysis;

/// <summary>
/// <c>.tran TSTEP TSTOP [TSTART [TMAX]] [UIC]</c>: a transient analysis from 0 to <paramref name="Stop"/>, reporting
/// points from <paramref name="Start"/> on. <paramref name="Step"/> is the print step (it bounds the internal step
/// unless <paramref name="MaxStep"/> is given); with <paramref name="UseInitialConditions"/> the initial operating
/// point is skipped and the state starts from <c>.ic</c> and element <c>IC=</c> values.
/// </summary>
public sealed record TransientRequest(double Step, double Stop, double Start = 0, double? MaxStep = null, bool UseInitialConditions = false)
    : AnalysisRequest
{
    /// <inheritdoc />
    public override string Kind => "tran";

    /// <summary>Throws <see cref="BmcnnException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (!(Step > 0) || !double.IsFinite(Step)) throw new BmcnnException($".tran: the step must be positive, got {Step}");
        if (!(Stop > 0) || !double.IsFinite(Stop)) throw new BmcnnException($".tran: the stop time must be positive, got {Stop}");
        if (!(Start >= 0) || !(Start < Stop)) throw new BmcnnException($".tran: the start time must be in [0, stop), got {Start}");
        if (MaxStep is { } max && (!(max > 0) || !double.IsFinite(max)))
        {
            throw new BmcnnException($".tran: the maximum step must be positive, got {max}");
        }
    }

    /// <summary>
    /// The largest internal step: TMAX when given (even above the print step, as in ngspice 39), else the smaller of
    /// the print step and the simulated span / 50.
    /// </summary>
    public double LargestStep => MaxStep ?? Math.Min(Step, (Stop - Start) / 50);
}
