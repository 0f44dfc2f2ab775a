using Bmcnn.Network.Training;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Study.Csv;

/// <summary>
/// Program-and-verify pulse counts of one finished trial: a line of the sidecar <c>FILE.pulses.csv</c>
/// (<see cref="PulseCsv"/>), keyed like the sweep CSV's row so resumed and merged runs keep them.
/// </summary>
/// <param name="Parameter">Swept parameter name.</param>
/// <param name="Value">Parameter value.</param>
/// <param name="Mitigation">Mitigation text as given.</param>
/// <param name="Trial">Trial number.</param>
/// <param name="Seed">Seed that programmed this trial's devices (must equal the sweep row's).</param>
/// <param name="ExtraPulses">Programming pulses beyond each device's first one.</param>
/// <param name="Devices">Physical devices programmed and verified.</param>
public sealed record PulseRow(string Parameter, double Value, string Mitigation, int Trial, long Seed, long ExtraPulses, long Devices)
{
    /// <summary>The row key, the same as the sweep row's.</summary>
    public SweepKey Key => new(Parameter, Value, Mitigation, Trial);

    /// <summary>Extra pulses per device.</summary>
    public double PerDevice => (double)ExtraPulses / Devices;
}
