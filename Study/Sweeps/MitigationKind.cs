namespace Bmcnn.Study.Sweeps;

/// <summary>The kinds of mitigation a sweep can apply, alone or combined with '+'.</summary>
public enum MitigationKind
{
    /// <summary><c>none</c>: the baseline, the device spec and default model as given.</summary>
    None,

    /// <summary><c>vat</c>: use the variation-aware-trained model instead of the default one.</summary>
    VariationAwareTraining,

    /// <summary><c>vat-noise</c>: use the model trained with multiplicative Gaussian weight noise.</summary>
    NoiseAwareTraining,

    /// <summary><c>redundancy:K</c>: K devices in parallel per weight, averaging out device variation.</summary>
    Redundancy,

    /// <summary><c>reference</c>: one column per neuron against a shared reference column.</summary>
    Reference,

    /// <summary><c>differential</c>: two columns per neuron (G+ and G−).</summary>
    Differential,

    /// <summary><c>calibrate[:N]</c>: re-estimate each sense amplifier's reference from N training images.</summary>
    Calibrate,

    /// <summary><c>verify[:TOL]</c>: program-and-verify, re-programming devices outside ±TOL of their target.</summary>
    Verify,
}
