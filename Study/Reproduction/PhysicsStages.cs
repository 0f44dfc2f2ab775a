using System.Text.Json;
using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Study.Plots;
using Bmcnn.Study.Statistics;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Study.Reproduction;

/// <summary>
/// The stages of <c>reproduce</c> that rest on the device physics: σ curves for every variation law, wire resistance
/// with its mitigations (calibration, smaller tiles, higher-resistance devices at the same on/off ratio), and the
/// fixed-point sense references. Each runs through the runner's resumable sweep and returns a results.md section.
/// </summary>
internal sealed class PhysicsStages
{
    /// <summary>The runner's sweep: parameter, values, trials, spec, CSV name, evaluator, mitigations.</summary>
    internal delegate IReadOnlyList<SummaryRow> SweepRun(SweepParameter parameter, IReadOnlyList<double> values, int trials, DeviceSpec spec,
        string name, ITrialEvaluator evaluator, IReadOnlyList<Mitigation>? mitigations);

    private readonly ReproductionInputs _inputs;
    private readonly ReproductionPlan _plan;
    private readonly string _folder;
    private readonly SweepRun _sweep;
    private readonly Func<bool> _interrupted;

    public PhysicsStages(ReproductionInputs inputs, ReproductionPlan plan, string folder, SweepRun sweep, Func<bool> interrupted)
    {
        _inputs = inputs;
        _plan = plan;
        _folder = folder;
        _sweep = sweep;
        _interrupted = interrupted;
    }

    /// <summary>Where the circuit stage keeps tiles' transfer matrices (shared with the runner's other circuit stages).</summary>
    public TransferMatrixCache? TransferCache { get; init; }

    /// <summary>A law's name as the spec file spells it (kebab case).</summary>
    public static string Name(VariationDistribution law) => JsonNamingPolicy.KebabCaseLower.ConvertName(law.ToString());

    // A grid of one cell runs alone: its trial gets every thread instead of one.
    private CrossbarTrialEvaluator Evaluator(DeviceSpec spec, InferenceMode mode, int? limit, int cells = 2) =>
        new(_inputs.Model, _inputs.VatModel, spec, mode, _inputs.Test.Take(limit), _inputs.Train, cells == 1 ? _inputs.Threads : 1)
        {
            TransferCache = mode == InferenceMode.Circuit ? TransferCache : null,
        };

    /// <summary>The σ curves of the laws stage B did not run, beside the two it did.</summary>
    public ReportSection Laws(IReadOnlyList<SummaryRow> own, IReadOnlyList<SummaryRow> contrast)
    {
        var ownLaw = _inputs.Spec.Distribution;
        var rows = Relabel(own, $"{Name(ownLaw)} (spec)").Concat(Relabel(contrast, Name(ReproductionRunner.Contrast(ownLaw)))).ToList();
        foreach (var law in Enum.GetValues<VariationDistribution>().Where(l => l != ownLaw && l != ReproductionRunner.Contrast(ownLaw)))
        {
            if (_interrupted()) break;
            var spec = _inputs.Spec with { Distribution = law };
            rows.AddRange(Relabel(_sweep(SweepParameter.Sigma, _plan.SigmaValues, _plan.LawSigmaTrials, spec, $"sigma-{Name(law)}",
                Evaluator(spec, InferenceMode.Behavioral, _plan.TestImages), null), Name(law)));
        }
        SweepPlot.Write(Path.Combine(_folder, "sigma-laws.png"), SweepParameter.Sigma, rows,
            $"{_inputs.DatasetTitle} accuracy vs device variation, four variation laws (behavioral, 95% CI)",
            "σ (coefficient of variation of what the law spreads)");
        return new ReportSection("B. Accuracy vs σ for the four variation laws (behavioral mode)",
            $"σ of R_ON and R_OFF together; the spec's law and its contrast from stage B, the other two with {_plan.LawSigmaTrials} trials per " +
            "σ (`sigma-gaussian-conductance.csv`, `sigma-empirical.csv`; the empirical law resamples the shipped synthetic example unless the " +
            "spec names a file).", "σ", rows, "sigma-laws.png");
    }

    /// <summary>Accuracy against wire resistance with calibration, smaller tiles and higher-resistance devices.</summary>
    public ReportSection Wires()
    {
        var calibrate = _plan.Mitigations.FirstOrDefault(m => m.StartsWith("calibrate", StringComparison.Ordinal)) ?? "calibrate";
        var both = Mitigation.ParseList("none," + calibrate);
        var only = Mitigation.ParseList(calibrate);
        var rows = new List<SummaryRow>();
        var variants = new (string Name, DeviceSpec Spec, IReadOnlyList<Mitigation> Mitigations, string? Label)[]
        {
            ("wires-mitigated", _inputs.Spec, both, null),
            ("wires-tile64", _inputs.Spec with { TileRows = 64, TileColumns = 64 }, only, $"{calibrate}, 64×64 tiles"),
            ("wires-rscale10", _inputs.Spec with { ROn = 10 * _inputs.Spec.ROn, ROff = 10 * _inputs.Spec.ROff }, only, $"{calibrate}, R ×10"),
        };
        foreach (var (name, spec, mitigations, label) in variants)
        {
            if (_interrupted()) break;
            var summary = _sweep(SweepParameter.WireResistance, _plan.MitigatedWireValues, 1, spec, name,
                Evaluator(spec, InferenceMode.Circuit, _plan.CircuitImages, _plan.MitigatedWireValues.Count * mitigations.Count), mitigations);
            rows.AddRange(label is null ? summary : Relabel(summary, label));
        }
        SweepPlot.Write(Path.Combine(_folder, "wires-mitigated.png"), SweepParameter.WireResistance, rows,
            $"{_inputs.DatasetTitle} accuracy vs wire resistance with mitigations (circuit mode, " +
                $"{_inputs.Test.Take(_plan.CircuitImages).Count} images)");
        return new ReportSection("E. Wire resistance with its mitigations (circuit mode, exact transfer matrices)",
            "Ideal devices (one trial per value is exact, calibration uses the training images' first ones); curves: the spec as is, " +
            "calibrated sense amplifiers, calibrated with 64×64 tiles, calibrated with R_ON and R_OFF ten times higher (same on/off ratio). " +
            "CSVs `wires-mitigated.csv`, `wires-tile64.csv`, `wires-rscale10.csv`.", "wire resistance per segment (Ω)", rows, "wires-mitigated.png");
    }

    /// <summary>Accuracy against the bits of the sense amplifiers' references (0 = float).</summary>
    public ReportSection ThresholdBits()
    {
        var rows = _sweep(SweepParameter.ThresholdBits, _plan.ThresholdBitValues, 1, _inputs.Spec, "threshold-bits",
            Evaluator(_inputs.Spec, InferenceMode.Behavioral, _plan.TestImages), null);
        SweepPlot.Write(Path.Combine(_folder, "threshold-bits.png"), SweepParameter.ThresholdBits, rows,
            $"{_inputs.DatasetTitle} accuracy vs sense-reference bits (behavioral, ideal devices)");
        var reference = rows.FirstOrDefault(r => r.Value == 0);
        var enough = reference is null ? null : rows.Where(r => r.Value > 0 && reference.Mean - r.Mean <= 0.005).MinBy(r => r.Value);
        var verdict = reference is null ? "" : enough is null
            ? " No bit count swept stays within 0.5 points of float references."
            : $" The fewest bits within 0.5 points of float references: {enough.Value:G4}.";
        return new ReportSection("F. Fixed-point sense-amplifier references (behavioral mode)",
            "Every hidden neuron's reference current rounded to N-bit signed fixed point over ± its layer's largest reference " +
            "(`thresholdBits`; 0 = float). Ideal devices, so one trial per value is exact." + verdict, "bits", rows, "threshold-bits.png");
    }

    private static IEnumerable<SummaryRow> Relabel(IEnumerable<SummaryRow> rows, string label) => rows.Select(r => r with { Mitigation = label });
}
