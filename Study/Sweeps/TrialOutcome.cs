namespace Bmcnn.Study.Sweeps;

/// <summary>What one trial measured.</summary>
/// <param name="Accuracy">Fraction of test images classified correctly.</param>
/// <param name="ExtraPulses">Programming pulses beyond the first one per device (program-and-verify), else 0.</param>
/// <param name="Devices">Physical devices programmed in this trial (0 when the evaluator does not count them).</param>
/// <param name="EnergyJ">Mean energy per image in joules, when the evaluator meters it.</param>
public sealed record TrialOutcome(double Accuracy, long ExtraPulses = 0, long Devices = 0, double? EnergyJ = null);
