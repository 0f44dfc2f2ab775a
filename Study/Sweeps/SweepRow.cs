using Bmcnn.Network.Training;

namespace Bmcnn.Study.Sweeps;

/// <summary>One finished trial: a line of the sweep CSV <c>parameter,value,mitigation,trial,seed,accuracy,seconds</c>.</summary>
/// <param name="Parameter">Swept parameter name.</param>
/// <param name="Value">Parameter value (SI units or fraction).</param>
/// <param name="Mitigation">Mitigation text as given.</param>
/// <param name="Trial">Trial number from 0.</param>
/// <param name="Seed">Seed that programmed this trial's devices.</param>
/// <param name="Accuracy">Fraction of test images classified correctly.</param>
/// <param name="Seconds">Wall time of the trial (the only column that differs between identical runs).</param>
/// <param name="EnergyJ">Mean energy per image in joules (the optional <c>energy_j</c> column), or null.</param>
public sealed record SweepRow(string Parameter, double Value, string Mitigation, int Trial, long Seed, double Accuracy, double Seconds,
    double? EnergyJ = null)
{
    /// <summary>The row key.</summary>
    public SweepKey Key => new(Parameter, Value, Mitigation, Trial);
}
