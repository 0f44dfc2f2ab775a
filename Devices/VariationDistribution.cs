namespace Bmcnn.Devices;

/// <summary>
/// How a device's resistance spreads around its nominal R_ON or R_OFF from device to device. For every law the spec's
/// σ (<see cref="DeviceSpec.SigmaOn"/>, <see cref="DeviceSpec.SigmaOff"/>) is the coefficient of variation
/// (standard deviation over mean) of the quantity the law spreads, and that quantity's mean is the nominal value.
/// </summary>
public enum VariationDistribution
{
    /// <summary>R Gaussian with relative σ, truncated to positive values (redrawn until positive). Keeps mass near R = 0.</summary>
    Gaussian,

    /// <summary>R lognormal with the nominal value as its mean and σ as its coefficient of variation (the default).</summary>
    Lognormal,

    /// <summary>
    /// G = 1/R Gaussian with the nominal conductance as its mean and σ as its coefficient of variation, floored at
    /// <see cref="DeviceSampler.ConductanceFloor"/> of the nominal conductance (R at most 100× nominal).
    /// </summary>
    GaussianConductance,

    /// <summary>
    /// Resampled measured resistances (<see cref="DeviceSpec.EmpiricalFile"/>, or the shipped synthetic example), scaled
    /// to the nominal mean, with the log-domain spread rescaled so the coefficient of variation of R is σ.
    /// </summary>
    Empirical,
}
