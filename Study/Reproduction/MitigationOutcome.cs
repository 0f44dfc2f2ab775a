using Bmcnn.Study.Statistics;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Study.Reproduction;

/// <summary>What stage C measured under one spread law: the σ values chosen, every mitigation's trials and pulses.</summary>
internal sealed record MitigationOutcome(string Name, string Spread, IReadOnlyList<double> Sigmas, IReadOnlyList<SummaryRow> Summary,
    IReadOnlyList<SweepRow> Rows, double IdealMean,
    IReadOnlyDictionary<(double, string), (double PerDevice, int Trials)> PulsesPerDevice, string Choice);
