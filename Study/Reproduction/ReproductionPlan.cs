namespace Bmcnn.Study.Reproduction;

/// <summary>
/// The sizes of a <c>bmcnn reproduce</c> run: which values, how many trials, how many test images per stage.
/// <see cref="Quick"/> is sized for under two minutes on two idle cores, <see cref="Full"/> for under fifteen (docs/benchmarks.md).
/// </summary>
public sealed record ReproductionPlan
{
    /// <summary>Name printed in results.md.</summary>
    public required string Name { get; init; }

    /// <summary>What results.md says about the plan's size (how it differs from the full study), or null.</summary>
    public string? Note { get; init; }

    /// <summary>Test images for the behavioral stages (null = all 10,000).</summary>
    public int? TestImages { get; init; }

    /// <summary>Test images for the circuit stages (null = all 10,000).</summary>
    public int? CircuitImages { get; init; }

    /// <summary>σ values of the joint R_ON/R_OFF sweep.</summary>
    public required IReadOnlyList<double> SigmaValues { get; init; }

    /// <summary>Trials per value of the joint sweep.</summary>
    public int SigmaTrials { get; init; }

    /// <summary>Trials per value of the joint sweep with the other spread law (the contrast curve); 0 = <see cref="SigmaTrials"/>.</summary>
    public int ContrastSigmaTrials { get; init; }

    /// <summary>σ values of the separate R_ON and R_OFF sweeps.</summary>
    public required IReadOnlyList<double> SplitSigmaValues { get; init; }

    /// <summary>Trials per value of the separate sweeps.</summary>
    public int SplitTrials { get; init; }

    /// <summary>Mitigations compared (the baseline <c>none</c> first).</summary>
    public required IReadOnlyList<string> Mitigations { get; init; }

    /// <summary>At most this many σ values for the mitigation comparison (the smallest where the baseline loses ≥ 5 points first).</summary>
    public int MitigationSigmas { get; init; } = 1;

    /// <summary>The same for the other spread law's mitigation table; 0 = <see cref="MitigationSigmas"/>.</summary>
    public int ContrastMitigationSigmas { get; init; }

    /// <summary>Trials per (σ, mitigation).</summary>
    public int MitigationTrials { get; init; }

    /// <summary>Wire resistances per segment (Ω) of the circuit stage.</summary>
    public required IReadOnlyList<double> WireValues { get; init; }

    /// <summary>Wire resistance (Ω per segment) of stage A's wired circuit row, or null for none (stage D has wires anyway).</summary>
    public double? EngineWire { get; init; }

    /// <summary>Trials per σ of the two remaining laws' curves (Gaussian conductance, empirical); 0 = none.</summary>
    public int LawSigmaTrials { get; init; }

    /// <summary>Wire resistances (Ω per segment) of the wires-with-mitigations stage; empty = no such stage.</summary>
    public IReadOnlyList<double> MitigatedWireValues { get; init; } = [];

    /// <summary>Threshold bits of the fixed-point stage (0 = float, the reference); empty = no such stage.</summary>
    public IReadOnlyList<double> ThresholdBitValues { get; init; } = [];

    /// <summary>Wire resistances (Ω per segment) of the energy stage; empty = no energy stage.</summary>
    public IReadOnlyList<double> EnergyWireValues { get; init; } = [];

    /// <summary>Wire resistance (Ω per segment) of the energy stage's base design, which the other energy sweeps vary.</summary>
    public double EnergyWire { get; init; } = 1;

    /// <summary>Factors on R_ON and R_OFF of the energy stage (1 = the base design).</summary>
    public IReadOnlyList<double> EnergyScaleValues { get; init; } = [];

    /// <summary>Square tile sizes of the energy stage.</summary>
    public IReadOnlyList<double> EnergyTileValues { get; init; } = [];

    /// <summary>Read voltages (V) of the energy stage.</summary>
    public IReadOnlyList<double> EnergyReadVoltages { get; init; } = [];

    /// <summary>Test images of the energy stage (null = all 10,000).</summary>
    public int? EnergyImages { get; init; }

    /// <summary>Trials per energy point when the spec draws at random (ideal devices run once: every trial is the same chip).</summary>
    public int EnergyTrials { get; init; } = 1;

    /// <summary>
    /// The quick plan: every stage on fewer values, trials and images, a smoke run of the whole study. The mitigation
    /// tables run at one σ per law (the smallest where the baseline loses ≥ 5 points): with 3 trials on 1,000 images a
    /// second σ would not sharpen any interval, and the full plan has both at 10 trials on all images.
    /// </summary>
    public static ReproductionPlan Quick { get; } = new()
    {
        Name = "quick",
        Note = "quick plan, a smoke run of every stage and not the study: the first 1,000 test images (500 in circuit mode, 100 for " +
            "energy), 2–3 trials per point, the mitigations at the one smallest σ per law where the baseline loses ≥ 5 points; its " +
            "intervals are wide. The full plan (`bmcnn reproduce`) runs all 10,000 images, 10 trials and two σ values for the spec's law.",
        TestImages = 1000,
        CircuitImages = 500,
        SigmaValues = [0, 0.2, 0.3, 0.4, 0.5, 0.75, 1],
        SigmaTrials = 3,
        SplitSigmaValues = [0, 0.5, 1],
        SplitTrials = 3,
        Mitigations = ["none", "vat", "vat-noise", "redundancy:3", "reference", "calibrate:128", "verify:0.1"],
        MitigationSigmas = 1,
        MitigationTrials = 3,
        WireValues = [0, 0.5],
        LawSigmaTrials = 2,
        MitigatedWireValues = [20],
        ThresholdBitValues = [0, 4, 6],
        EnergyWireValues = [0, 1],
        EnergyScaleValues = [1, 10],
        EnergyTileValues = [64, 128],
        EnergyReadVoltages = [0.1, 0.2],
        EnergyImages = 100,
    };

    /// <summary>
    /// The full plan, sized for about 15 minutes on two idle cores (docs/study.md has the per-row costs): all 10,000
    /// test images everywhere; the spec's joint σ sweep with 10 trials, denser where the Gaussian law collapses; the
    /// other law's contrast curve and the separate R_ON/R_OFF sweeps with 5; every mitigation with 10 trials at the two
    /// smallest σ where the spec's law loses ≥ 5 points and the smallest for the other law; six wire resistances.
    /// σ = 0 runs once wherever it is exact (no other random draw). Stage A has no wired circuit row: stage D has them.
    /// </summary>
    public static ReproductionPlan Full { get; } = new()
    {
        Name = "full",
        TestImages = null,
        CircuitImages = null,
        SigmaValues = [0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.75, 1],
        SigmaTrials = 10,
        ContrastSigmaTrials = 5,
        SplitSigmaValues = [0, 0.2, 0.4, 0.6, 0.8, 1],
        SplitTrials = 5,
        Mitigations = ["none", "vat", "vat-noise", "redundancy:3", "reference", "calibrate:256", "verify:0.1"],
        MitigationSigmas = 2,
        ContrastMitigationSigmas = 1,
        MitigationTrials = 10,
        WireValues = [0, 0.1, 0.25, 0.5, 1, 2.5],
        LawSigmaTrials = 3,
        MitigatedWireValues = [1.06, 20],
        ThresholdBitValues = [0, 3, 4, 5, 6, 8],
        EnergyWireValues = [0, 0.25, 0.5, 1, 2.5],
        EnergyScaleValues = [1, 3, 10, 30],
        EnergyTileValues = [32, 64, 128],
        EnergyReadVoltages = [0.05, 0.1, 0.2, 0.3],
        // Energy per image is a mean over images; 2,000 keep the accuracy points' intervals within ±0.5 points near 99%
        // and bring the full plan under 15 minutes on 2 cores.
        EnergyImages = 2000,
    };
}
