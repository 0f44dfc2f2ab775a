namespace Bmcnn.Devices;

/// <summary>How a signed binary weight is stored in conductances.</summary>
public enum WeightScheme
{
    /// <summary>Two columns per neuron: w = +1 is G+ = G_on, G− = G_off; w = −1 the reverse; I = I+ − I−.</summary>
    Differential,

    /// <summary>One column per neuron (w = +1 is G_on, −1 is G_off) read against a shared column of G_ref = (G_on + G_off)/2.</summary>
    Reference,
}
