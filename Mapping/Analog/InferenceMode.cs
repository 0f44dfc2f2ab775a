namespace Bmcnn.Mapping.Analog;

/// <summary>How a mapped network's crossbar currents are computed.</summary>
public enum InferenceMode
{
    /// <summary>Ideal Kirchhoff sums I = Σ V·G over the programmed devices, no wire resistance.</summary>
    Behavioral,

    /// <summary>Every tile solved as a circuit with its wire resistance and termination (transfer matrix, or Newton
    /// per input for nonlinear devices).</summary>
    Circuit,
}
