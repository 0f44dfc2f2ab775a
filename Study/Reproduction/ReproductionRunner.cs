using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Network.Data;
using Bmcnn.Network.Inference;
using Bmcnn.Study.Plots;
using Bmcnn.Study.Statistics;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Study.Reproduction;

/// <summary>
/// <c>bmcnn reproduce</c>: the variation study on the shipped models, no training. Stages: (A) software vs behavioral
/// vs circuit accuracy with ideal devices; (B) accuracy against σ of R_ON and R_OFF together and separately, 0 to 1,
/// behavioral mode (exact for device variation, no wires); (C) every mitigation at the σ values where the baseline
/// loses at least 5 points; (D) accuracy against wire resistance, circuit mode (transfer matrices). Each sweep stage
/// writes a resumable CSV and a PNG; results.md collects the tables, the device spec, timing and the machine.
/// </summary>
public sealed class ReproductionRunner
{
    private readonly ReproductionInputs _inputs;
    private readonly ReproductionPlan _plan;
    private readonly string _folder;
    private readonly Func<SweepGrid, string, ITrialEvaluator, SweepRunResult> _runGrid;
    private readonly TextWriter _log;
    private readonly List<(string Stage, double Seconds)> _timing = [];
    // Circuit stages D, E and G program the same ideal chips at shared points (D's wires and G's, E's mitigations of one
    // point, G's read voltages): one cache solves each distinct tile once. It keys on the programmed conductances, so a
    // hit gives the numbers a fresh solve would.
    private readonly TransferMatrixCache _transfers = new();

    /// <summary>Creates the run; <paramref name="runGrid"/> runs one grid into one CSV (the CLI adds progress and jobs).</summary>
    public ReproductionRunner(ReproductionInputs inputs, ReproductionPlan plan, string folder,
        Func<SweepGrid, string, ITrialEvaluator, SweepRunResult> runGrid, TextWriter log)
    {
        _inputs = inputs;
        _plan = plan;
        _folder = folder;
        _runGrid = runGrid;
        _log = log;
    }

    /// <summary>True when a stage was interrupted (Ctrl-C); results.md then says which rows are missing.</summary>
    public bool Interrupted { get; private set; }

    /// <summary>Runs every stage and writes results.md (<see cref="ReproductionReport"/>); returns its path.</summary>
    public string Run()
    {
        Directory.CreateDirectory(_folder);
        var total = Stopwatch.StartNew();
        var md = new StringBuilder();
        var engines = Stage("A: software vs behavioral vs circuit", Engines);
        var (sigma, split, contrast) = Stage("B: accuracy vs σ (behavioral)", Sigmas);
        var otherSpec = _inputs.Spec with { Distribution = OtherDistribution };
        var mitigations = new List<MitigationOutcome>();
        if (!Interrupted)
        {
            mitigations.Add(Stage("C: mitigations (behavioral)", () => Mitigations(sigma, _inputs.Spec, "mitigations", _plan.MitigationSigmas)));
        }
        if (!Interrupted && contrast.Count > 0)
        {
            mitigations.Add(Stage($"C: mitigations, {Name(OtherDistribution)} spread (behavioral)",
                () => Mitigations(contrast, otherSpec, $"mitigations-{Name(OtherDistribution)}",
                    _plan.ContrastMitigationSigmas > 0 ? _plan.ContrastMitigationSigmas : _plan.MitigationSigmas)));
        }
        var sections = new List<ReportSection>();
        var stages = new PhysicsStages(_inputs, _plan, _folder, Sweep, () => Interrupted) { TransferCache = _transfers };
        if (!Interrupted && _plan.LawSigmaTrials > 0)
        {
            sections.Add(Stage("B: accuracy vs σ, the other laws (behavioral)", () => stages.Laws(sigma, contrast)));
        }
        if (!Interrupted && _plan.MitigatedWireValues.Count > 0)
        {
            sections.Add(Stage("E: wires with their mitigations (circuit)", stages.Wires));
        }
        if (!Interrupted && _plan.ThresholdBitValues.Count > 0)
        {
            sections.Add(Stage("F: fixed-point sense references (behavioral)", stages.ThresholdBits));
        }
        if (!Interrupted && _plan.EnergyWireValues.Count > 0)
        {
            var energy = new EnergyStage(_inputs, _plan, _folder, _runGrid) { TransferCache = _transfers };
            sections.Add(Stage("G: energy per inference (circuit)", energy.Run));
            Interrupted |= energy.Cancelled;
        }
        // Stage D runs last: the energy stage's wired designs are the same ideal chips, and their held power forms give
        // stage D's transfer matrices without solving them again.
        var wires = Interrupted ? null : Stage("D: accuracy vs wire resistance (circuit)", Wires);
        total.Stop();
        new ReproductionReport(_inputs, _plan, _folder, Interrupted, _timing)
            .Write(md, engines, sigma, contrast, split, mitigations, wires, total.Elapsed.TotalSeconds, sections);
        var path = Path.Combine(_folder, "results.md");
        AtomicFile.WriteText(path, md.ToString());
        return path;
    }

    private T Stage<T>(string name, Func<T> body)
    {
        _log.WriteLine($"== stage {name}");
        var clock = Stopwatch.StartNew();
        var result = body();
        _timing.Add((name, clock.Elapsed.TotalSeconds));
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {clock.Elapsed.TotalSeconds:F1} s"));
        return result;
    }

    private MnistSet TestSet(int? limit) => _inputs.Test.Take(limit);

    private int ThreadsPerTrial => 1;

    private CrossbarTrialEvaluator Evaluator(InferenceMode mode, int? limit) =>
        new(_inputs.Model, _inputs.VatModel, _inputs.Spec, mode, TestSet(limit), _inputs.Train, ThreadsPerTrial) { NoiseModel = _inputs.NoiseModel };

    // ---- stage A ----

    private List<EngineRow> Engines()
    {
        var rows = new List<EngineRow>();
        var seed = (ulong)TrialSeed.Derive(_inputs.Seed, "engines", 0, 0);
        foreach (var (limit, label) in new[] { (_plan.TestImages, "behavioral images"), (_plan.CircuitImages, "circuit images") }.DistinctBy(x
            => x.Item1))
        {
            var test = TestSet(limit);
            var clock = Stopwatch.StartNew();
            var software = InferencePipeline.Software(_inputs.Model, _inputs.Threads).Evaluate(test);
            rows.Add(new EngineRow("software", "exact binarized network (XNOR/popcount)", test.Count, software.Accuracy, 1,
                clock.Elapsed.TotalSeconds));
            _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   software on {test.Count} {label}: {100 * software.Accuracy:F2}%"));
            if (limit == _plan.TestImages)
            {
                rows.Add(Engine(InferenceMode.Behavioral, _inputs.Spec, seed, test, software, "ideal devices, Kirchhoff sums"));
            }
            if (limit == _plan.CircuitImages)
            {
                rows.Add(Engine(InferenceMode.Circuit, _inputs.Spec with { RWireRow = 0, RWireColumn = 0 }, seed, test, software,
                    "ideal devices, ideal wires (0 Ω)"));
                if (_plan.EngineWire is { } wired)
                {
                    rows.Add(Engine(InferenceMode.Circuit, _inputs.Spec with { RWireRow = wired, RWireColumn = wired }, seed, test, software,
                        string.Create(CultureInfo.InvariantCulture, $"ideal devices, {wired:G4} Ω per wire segment")));
                }
            }
        }
        return rows;
    }

    private EngineRow Engine(InferenceMode mode, DeviceSpec spec, ulong seed, MnistSet test, InferenceResult software, string hardware)
    {
        var clock = Stopwatch.StartNew();
        var result = CrossbarInference.Create(_inputs.Model, spec, seed, mode, _inputs.Threads).Evaluate(test);
        var agree = 0;
        for (var i = 0; i < result.Predictions.Length; i++)
        {
            agree += result.Predictions[i] == software.Predictions[i] ? 1 : 0;
        }
        var name = mode == InferenceMode.Circuit ? "circuit" : "behavioral";
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {name} ({hardware}) on {test.Count}: {100 * result.Accuracy:F2}%"));
        return new EngineRow(name, hardware, test.Count, result.Accuracy, (double)agree / test.Count, clock.Elapsed.TotalSeconds);
    }

    // ---- stage B ----

    private VariationDistribution OtherDistribution => Contrast(_inputs.Spec.Distribution);

    /// <summary>The spread law run beside the spec's own for contrast.</summary>
    internal static VariationDistribution Contrast(VariationDistribution distribution) =>
        distribution == VariationDistribution.Gaussian ? VariationDistribution.Lognormal : VariationDistribution.Gaussian;

    /// <summary>A law's name as the report and the CSV file names spell it.</summary>
    internal static string Name(VariationDistribution distribution) => distribution.ToString().ToLowerInvariant();

    private (IReadOnlyList<SummaryRow> Sigma, IReadOnlyList<SummaryRow> Split, IReadOnlyList<SummaryRow> Contrast) Sigmas()
    {
        var evaluator = Evaluator(InferenceMode.Behavioral, _plan.TestImages);
        var together = Sweep(SweepParameter.Sigma, _plan.SigmaValues, _plan.SigmaTrials, _inputs.Spec, "sigma", evaluator);
        var on = Interrupted ? [] : Sweep(SweepParameter.SigmaOn, _plan.SplitSigmaValues, _plan.SplitTrials, _inputs.Spec, "sigma-on", evaluator);
        var off = Interrupted ? [] : Sweep(SweepParameter.SigmaOff, _plan.SplitSigmaValues, _plan.SplitTrials, _inputs.Spec, "sigma-off", evaluator);
        // The same joint sweep with the other spread shape: Gaussian resistances have a heavy tail of conductances
        // (1/R for R near 0) that lognormal ones lack, and the contrast shows how much of the loss is that tail.
        var other = OtherDistribution;
        var otherEvaluator = new CrossbarTrialEvaluator(_inputs.Model, _inputs.VatModel, _inputs.Spec with { Distribution = other },
            InferenceMode.Behavioral, TestSet(_plan.TestImages), _inputs.Train, ThreadsPerTrial);
        var otherName = other.ToString().ToLowerInvariant();
        var contrast = Interrupted ? [] : Sweep(SweepParameter.Sigma, _plan.SigmaValues,
            _plan.ContrastSigmaTrials > 0 ? _plan.ContrastSigmaTrials : _plan.SigmaTrials, _inputs.Spec with { Distribution = other },
            $"sigma-{otherName}", otherEvaluator);
        var ownName = _inputs.Spec.Distribution.ToString().ToLowerInvariant();
        SweepPlot.Write(Path.Combine(_folder, "sigma.png"), SweepParameter.Sigma,
            Relabel(together, $"{ownName} R (spec)").Concat(Relabel(contrast, $"{otherName} R")).ToArray(),
            $"{_inputs.DatasetTitle} accuracy vs device variation (behavioral, " +
                $"{ReproductionReport.TrialText(together.Concat(contrast).ToArray())} trials per " +
                $"point, 95% CI)");
        var split = Relabel(together, "R_ON and R_OFF").Concat(Relabel(on, "R_ON only")).Concat(Relabel(off, "R_OFF only"))
            .Concat(Relabel(contrast, $"R_ON and R_OFF, {otherName}")).ToArray();
        SweepPlot.Write(Path.Combine(_folder, "sigma-split.png"), SweepParameter.Sigma, split,
            $"{_inputs.DatasetTitle} accuracy vs σ of R_ON and R_OFF, together and separately (95% CI)",
            "σ of the varied resistance (relative to nominal, σ/R)");
        return (together, split, contrast);
    }

    private static IEnumerable<SummaryRow> Relabel(IEnumerable<SummaryRow> rows, string label) =>
        rows.Select(r => r with { Mitigation = label });

    // One baseline sweep into NAME.csv. σ = 0 runs once when nothing else in the spec is random (no faults, offsets
    // or read noise): every trial would program the same ideal devices, so more trials would only repeat one number.
    private IReadOnlyList<SummaryRow> Sweep(SweepParameter parameter, IReadOnlyList<double> values, int trials, DeviceSpec spec, string name,
        ITrialEvaluator evaluator, IReadOnlyList<Mitigation>? mitigations = null)
    {
        var path = Path.Combine(_folder, name + ".csv");
        var none = mitigations ?? [Mitigation.None];
        var once = values.Where(v => v == 0 && trials > 1 && IsExact(parameter.ApplyTo(spec, 0))).ToArray();
        var rest = values.Except(once).ToArray();
        SweepRunResult? result = null;
        if (once.Length > 0)
        {
            result = _runGrid(new SweepGrid(parameter, once, none, 1, _inputs.Seed), path, evaluator);
            Interrupted |= result.Cancelled;
        }
        if (rest.Length > 0 && !Interrupted)
        {
            result = _runGrid(new SweepGrid(parameter, rest, none, trials, _inputs.Seed), path, evaluator);
            Interrupted |= result.Cancelled;
        }
        return result is null ? [] : SweepSummary.Compute(result.Rows);
    }

    /// <summary>True when programming <paramref name="spec"/> draws nothing at random (every trial is the same chip).</summary>
    public static bool IsExact(DeviceSpec spec) =>
        spec.SigmaOn == 0 && spec.SigmaOff == 0 && spec.StuckOn == 0 && spec.StuckOff == 0 && spec.OffsetSigma == 0 && spec.ReadNoiseSigma == 0;

    // ---- stage C ----

    private MitigationOutcome Mitigations(IReadOnlyList<SummaryRow> sigma, DeviceSpec spec, string name, int count)
    {
        var ideal = sigma.First(s => s.Value == 0).Mean;
        var losing = sigma.Where(s => s.Value > 0 && ideal - s.Mean >= 0.05).Select(s => s.Value).Take(count).ToList();
        string choice;
        if (losing.Count > 0)
        {
            choice = "the smallest σ values of stage B where the baseline loses at least 5 accuracy points";
        }
        else
        {
            losing = [sigma.Max(s => s.Value)];
            choice = "no σ in stage B cost the baseline 5 points, so the largest σ swept";
        }
        var mitigations = Mitigation.ParseList(string.Join(",", _plan.Mitigations))
            .Where(m => (_inputs.VatModel is not null || !m.UseVariationAwareModel) && (_inputs.NoiseModel is not null || !m.UseNoiseTrainedModel))
            .ToArray();
        var evaluator = new CrossbarTrialEvaluator(_inputs.Model, _inputs.VatModel, spec, InferenceMode.Behavioral,
            TestSet(_plan.TestImages), _inputs.Train, ThreadsPerTrial)
        { NoiseModel = _inputs.NoiseModel };
        var path = Path.Combine(_folder, name + ".csv");
        // σ = 0 once per mitigation (no variation: what each mitigation costs on ideal devices), then the chosen σ values.
        var pulses = new Dictionary<(double, string), (double PerDevice, int Trials)>();
        var zero = _runGrid(new SweepGrid(SweepParameter.Sigma, [0], mitigations, 1, _inputs.Seed), path, evaluator);
        Interrupted |= zero.Cancelled;
        var result = Interrupted ? zero : _runGrid(new SweepGrid(SweepParameter.Sigma, losing, mitigations, _plan.MitigationTrials, _inputs.Seed),
            path, evaluator);
        Interrupted |= result.Cancelled;
        // From the sidecar as well, so resumed trials keep their counts.
        foreach (var g in result.Pulses.GroupBy(p => (p.Value, p.Mitigation)))
        {
            pulses[g.Key] = (g.Average(p => p.PerDevice), g.Count());
        }
        var summary = SweepSummary.Compute(result.Rows);
        var spread = Name(spec.Distribution);
        SweepPlot.Write(Path.Combine(_folder, name + ".png"), SweepParameter.Sigma, summary,
            $"Mitigations vs device variation ({spread} R; σ = 0: 1 trial, else {_plan.MitigationTrials} trials, 95% CI)");
        return new MitigationOutcome(name, spread, losing, summary, result.Rows, ideal, pulses, choice);
    }

    // ---- stage D ----

    private IReadOnlyList<SummaryRow> Wires()
    {
        var evaluator = new CrossbarTrialEvaluator(_inputs.Model, _inputs.VatModel, _inputs.Spec, InferenceMode.Circuit,
            TestSet(_plan.CircuitImages), _inputs.Train, _plan.WireValues.Count == 1 ? _inputs.Threads : ThreadsPerTrial)
        { NoiseModel = _inputs.NoiseModel, TransferCache = _transfers };
        var summary = Sweep(SweepParameter.WireResistance, _plan.WireValues, 1, _inputs.Spec, "r-wire", evaluator);
        SweepPlot.Write(Path.Combine(_folder, "r-wire.png"), SweepParameter.WireResistance, summary,
            $"{_inputs.DatasetTitle} accuracy vs wire resistance (circuit mode, ideal devices, {TestSet(_plan.CircuitImages).Count} images)");
        return summary;
    }

}
