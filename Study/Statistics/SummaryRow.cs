using Bmcnn.Network.Training;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Study.Statistics;

/// <summary>Statistics of the trials of one (value, mitigation) cell; accuracies as fractions.</summary>
/// <param name="Parameter">Swept parameter name.</param>
/// <param name="Value">Parameter value.</param>
/// <param name="Mitigation">Mitigation text.</param>
/// <param name="Trials">Number of trials.</param>
/// <param name="Mean">Mean accuracy.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1); NaN for a single trial.</param>
/// <param name="HalfWidth">Half-width of the 95% interval of the mean (Student t, n − 1 degrees of freedom); NaN for a single trial.</param>
public sealed record SummaryRow(string Parameter, double Value, string Mitigation, int Trials, double Mean, double StandardDeviation,
    double HalfWidth)
{
    /// <summary>Lower end of the 95% interval (not clipped: the rows also carry paired differences, which may be negative).</summary>
    public double Low => Mean - HalfWidth;

    /// <summary>Upper end of the 95% interval.</summary>
    public double High => Mean + HalfWidth;
}
