namespace Bmcnn.Devices;

/// <summary>How a device's resistance spreads around its nominal R_ON or R_OFF from device to device.</summary>
public enum VariationDistribution
{
    /// <summary>Gaussian with relative σ, truncated to positive values (redrawn until positive).</summary>
    Gaussian,

    /// <summary>Lognormal with the nominal value as its mean and relative σ as its coefficient of variation.</summary>
    Lognormal,
}
