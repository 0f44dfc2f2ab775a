namespace Bmcnn.Study.Sweeps;

/// <summary>
/// Runs one Monte-Carlo trial: programs fresh devices from the point's seed with the point's parameter value and
/// mitigation, runs the test images, and returns the accuracy. Called from several threads at once, so
/// implementations keep per-trial state local.
/// </summary>
public interface ITrialEvaluator
{
    /// <summary>Evaluates one grid cell; every random draw comes from <see cref="SweepPoint.Seed"/>.</summary>
    TrialOutcome Evaluate(SweepPoint point, CancellationToken cancellation);
}
