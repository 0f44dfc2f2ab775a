namespace Bmcnn.Mapping.Mitigations;

/// <summary>
/// Digital gain and offset correction of the output layer's ADC readings, per class: corrected = (reading − Offset) / Gain,
/// fitted by least squares so that corrected readings match the ideal network's weighted sums on calibration inputs.
/// </summary>
/// <param name="Gain">Per class gain (reading per unit of ideal weighted sum).</param>
/// <param name="Offset">Per class offset, in weighted-sum units.</param>
public sealed record OutputCorrection(double[] Gain, double[] Offset);
