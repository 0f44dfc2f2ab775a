using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Data;
using Bmcnn.Mapping.Inference;
using MathNet.Numerics.Distributions;

namespace Bmcnn.Mapping.Study;

/// <summary>
/// <c>bmcnn reproduce</c>: the variation study on the shipped models, no training. Stages: (A) software vs behavioral
/// vs circuit accuracy with ideal devices; (B) accuracy against σ of R_ON and R_OFF together and separately, 0 to 1,
/// behavioral mode (exact for device variation, no wires); (C) every mitigation at the σ values where the baseline
/// loses at least 5 points; (D) accuracy against wire resistance, circuit mode (transfer matrices). Each sweep stage
/// writes a resumable CSV and a PNG; results.md collects the tables, the device spec, timing and the machine.
/// </summary>
public sealed class Reproduction
{
    private readonly ReproductionInputs _inputs;
    private readonly ReproductionPlan _plan;
    private readonly string _folder;
    private readonly Func<SweepGrid, string, ITrialEvaluator, SweepRunResult> _runGrid;
    private readonly TextWriter _log;
    private readonly List<(string Stage, double Seconds)> _timing = [];

    /// <summary>Creates the run; <paramref name="runGrid"/> runs one grid into one CSV (the CLI adds progress and jobs).</summary>
    public Reproduction(ReproductionInputs inputs, ReproductionPlan plan, string folder,
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

    /// <summary>Runs every stage and writes results.md; returns its path.</summary>
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
        var wires = Interrupted ? null : Stage("D: accuracy vs wire resistance (circuit)", Wires);
        total.Stop();
        WriteReport(md, engines, sigma, contrast, split, mitigations, wires, total.Elapsed.TotalSeconds);
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
        new(_inputs.Model, _inputs.VatModel, _inputs.Spec, mode, TestSet(limit), _inputs.Train, ThreadsPerTrial);

    // ---- stage A ----

    private sealed record EngineRow(string Mode, string Hardware, int Images, double Accuracy, double Agreement, double Seconds);

    private List<EngineRow> Engines()
    {
        var rows = new List<EngineRow>();
        var seed = (ulong)TrialSeed.Derive(_inputs.Seed, "engines", 0, 0);
        foreach (var (limit, label) in new[] { (_plan.TestImages, "behavioral images"), (_plan.CircuitImages, "circuit images") }.DistinctBy(x => x.Item1))
        {
            var test = TestSet(limit);
            var clock = Stopwatch.StartNew();
            var software = InferencePipeline.Software(_inputs.Model, _inputs.Threads).Evaluate(test);
            rows.Add(new EngineRow("software", "exact binarized network (XNOR/popcount)", test.Count, software.Accuracy, 1, clock.Elapsed.TotalSeconds));
            _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   software on {test.Count} {label}: {100 * software.Accuracy:F2}%"));
            if (limit == _plan.TestImages)
            {
                rows.Add(Engine(InferenceMode.Behavioral, _inputs.Spec, seed, test, software, "ideal devices, Kirchhoff sums"));
            }
            if (limit == _plan.CircuitImages)
            {
                rows.Add(Engine(InferenceMode.Circuit, _inputs.Spec with { RWireRow = 0, RWireColumn = 0 }, seed, test, software, "ideal devices, ideal wires (0 Ω)"));
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

    private VariationDistribution OtherDistribution =>
        _inputs.Spec.Distribution == VariationDistribution.Gaussian ? VariationDistribution.Lognormal : VariationDistribution.Gaussian;

    private static string Name(VariationDistribution distribution) => distribution.ToString().ToLowerInvariant();

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
            $"MNIST accuracy vs device variation (behavioral, {TrialText(together.Concat(contrast).ToArray())} trials per point, 95% CI)");
        var split = Relabel(together, "R_ON and R_OFF").Concat(Relabel(on, "R_ON only")).Concat(Relabel(off, "R_OFF only"))
            .Concat(Relabel(contrast, $"R_ON and R_OFF, {otherName}")).ToArray();
        SweepPlot.Write(Path.Combine(_folder, "sigma-split.png"), SweepParameter.Sigma, split,
            "MNIST accuracy vs σ of R_ON and R_OFF, together and separately (95% CI)", "σ of the varied resistance (relative to nominal, σ/R)");
        return (together, split, contrast);
    }

    private static IEnumerable<SummaryRow> Relabel(IEnumerable<SummaryRow> rows, string label) =>
        rows.Select(r => r with { Mitigation = label });

    // One baseline sweep into NAME.csv. σ = 0 runs once when nothing else in the spec is random (no faults, offsets
    // or read noise): every trial would program the same ideal devices, so more trials would only repeat one number.
    private IReadOnlyList<SummaryRow> Sweep(SweepParameter parameter, IReadOnlyList<double> values, int trials, DeviceSpec spec, string name,
        ITrialEvaluator evaluator)
    {
        var path = Path.Combine(_folder, name + ".csv");
        var none = new[] { Mitigation.None };
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

    private sealed record MitigationOutcome(string Name, string Spread, IReadOnlyList<double> Sigmas, IReadOnlyList<SummaryRow> Summary,
        IReadOnlyList<SweepRow> Rows, double IdealMean,
        IReadOnlyDictionary<(double, string), (double PerDevice, int Trials)> PulsesPerDevice, string Choice);

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
            .Where(m => _inputs.VatModel is not null || !m.UseVariationAwareModel).ToArray();
        var evaluator = new CrossbarTrialEvaluator(_inputs.Model, _inputs.VatModel, spec, InferenceMode.Behavioral,
            TestSet(_plan.TestImages), _inputs.Train, ThreadsPerTrial);
        var path = Path.Combine(_folder, name + ".csv");
        // σ = 0 once per mitigation (no variation: what each mitigation costs on ideal devices), then the chosen σ values.
        var pulses = new Dictionary<(double, string), (double PerDevice, int Trials)>();
        var zero = _runGrid(new SweepGrid(SweepParameter.Sigma, [0], mitigations, 1, _inputs.Seed), path, evaluator);
        Interrupted |= zero.Cancelled;
        var result = Interrupted ? zero : _runGrid(new SweepGrid(SweepParameter.Sigma, losing, mitigations, _plan.MitigationTrials, _inputs.Seed), path, evaluator);
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
        var evaluator = Evaluator(InferenceMode.Circuit, _plan.CircuitImages);
        var summary = Sweep(SweepParameter.WireResistance, _plan.WireValues, 1, _inputs.Spec, "r-wire", evaluator);
        SweepPlot.Write(Path.Combine(_folder, "r-wire.png"), SweepParameter.WireResistance, summary,
            $"MNIST accuracy vs wire resistance (circuit mode, ideal devices, {TestSet(_plan.CircuitImages).Count} images)");
        return summary;
    }

    // ---- report ----

    private void WriteReport(StringBuilder md, List<EngineRow> engines, IReadOnlyList<SummaryRow> sigma, IReadOnlyList<SummaryRow> contrast,
        IReadOnlyList<SummaryRow> split,
        IReadOnlyList<MitigationOutcome> outcomes, IReadOnlyList<SummaryRow>? wires, double seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine($"# BMCNN variation study ({_plan.Name})").AppendLine();
        md.AppendLine(string.Create(inv, $"Written by `bmcnn reproduce{(_plan.Name == "quick" ? " --quick" : "")}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC in {seconds:F0} s. No training: the shipped models are evaluated."));
        if (Interrupted)
        {
            md.AppendLine().AppendLine("**Interrupted**: some stages are incomplete; rerun the same command to resume (finished trials are kept in the CSVs).");
        }
        md.AppendLine().AppendLine("## Setup").AppendLine();
        md.AppendLine($"- Default model: {_inputs.ModelName}; variation-aware model (`vat`): {_inputs.VatModelName}");
        md.AppendLine($"- Device spec: `{_inputs.Spec}`");
        md.AppendLine(string.Create(inv, $"- Test images: {TestSet(_plan.TestImages).Count} for behavioral stages, {TestSet(_plan.CircuitImages).Count} for circuit stages (the first N of the MNIST test set); base seed {_inputs.Seed}"));
        md.AppendLine($"- Machine: {CpuModel()}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
        md.AppendLine("- Variation model (Gaussian): each device's resistance is R·(1 + σ·z), z standard normal, redrawn while not positive; lognormal: R·exp(μ + s·z) with mean R and standard deviation σ·R. Every trial programs fresh devices from its own seed (the CSVs' `seed` column).");
        md.AppendLine().AppendLine("Device spec JSON:").AppendLine().AppendLine("```json").AppendLine(DeviceSpecFile.ToJson(_inputs.Spec)).AppendLine("```");

        md.AppendLine().AppendLine("## A. Software vs behavioral vs circuit (ideal devices)").AppendLine();
        md.AppendLine("| mode | hardware | images | accuracy | same prediction as software | seconds |").AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var e in engines)
        {
            md.AppendLine(string.Create(inv, $"| {e.Mode} | {e.Hardware} | {e.Images} | {100 * e.Accuracy:F2}% | {100 * e.Agreement:F2}% | {e.Seconds:F1} |"));
        }

        md.AppendLine().AppendLine("## B. Accuracy vs σ of R_ON and R_OFF (behavioral mode)").AppendLine();
        md.AppendLine("Mean ± standard deviation over trials, in %, with the 95% interval of the mean (t distribution) and the trial count.").AppendLine();
        var otherLabel = split.Select(s => s.Mitigation).FirstOrDefault(m => m.StartsWith("R_ON and R_OFF, ", StringComparison.Ordinal)) ?? "R_ON and R_OFF, other";
        md.AppendLine($"Columns: σ applied to R_ON and R_OFF together, to R_ON only, to R_OFF only (the spec's {_inputs.Spec.Distribution.ToString().ToLowerInvariant()} spread), and together with the {otherLabel["R_ON and R_OFF, ".Length..]} spread for contrast.").AppendLine();
        md.AppendLine($"| σ | R_ON and R_OFF | 95% CI | n | R_ON only | 95% CI | n | R_OFF only | 95% CI | n | {otherLabel} | 95% CI | n |").AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var value in split.Select(s => s.Value).Distinct().Order())
        {
            var cells = new[] { "R_ON and R_OFF", "R_ON only", "R_OFF only", otherLabel }
                .Select(label => split.FirstOrDefault(s => s.Value == value && s.Mitigation == label))
                .Select(s => s is null ? "| – | – | – " : $"| {MeanStd(s)} | {SweepSummary.Interval(s)} | {s.Trials} ");
            md.AppendLine(string.Create(inv, $"| {value:G4} {string.Concat(cells)}|"));
        }
        md.AppendLine().AppendLine("![accuracy vs sigma](sigma.png)").AppendLine().AppendLine("![together and separately](sigma-split.png)");
        WriteLawFinding(md, sigma, contrast);

        foreach (var mitigations in outcomes)
        {
            md.AppendLine().AppendLine($"## C. Mitigations at the σ where the baseline loses accuracy ({mitigations.Spread} spread of R, behavioral mode)").AppendLine();
            md.AppendLine(string.Create(inv, $"σ chosen: {string.Join(", ", mitigations.Sigmas.Select(s => s.ToString("G4", inv)))} ({mitigations.Choice}; rows in {mitigations.Name}.csv). Baseline with ideal devices (stage B, σ = 0): {100 * mitigations.IdealMean:F2}%."));
            md.AppendLine("Recovered = (mitigation − baseline) / (ideal − baseline), the share of the baseline's loss won back. The difference to the baseline is paired by trial: trial t of every mitigation programs the same device draws as the baseline's trial t (the seed depends on σ and trial only), so its 95% interval is the t interval of the per-trial differences, free of the chip-to-chip spread (`redundancy` and `reference` program other device counts, hence other chips; the paired interval is still valid for them). The verdict uses that interval. `differential` is the spec's own scheme, so it is the baseline itself; `reference` is the alternative mapping.").AppendLine();
            md.AppendLine("| σ | mitigation | accuracy (mean ± std) | 95% CI | n | difference to baseline [95% CI, paired by trial] | recovered | verdict | extra pulses per device |").AppendLine("|---:|---|---:|---:|---:|---:|---:|---|---:|");
            var verdicts = new List<string>();
            foreach (var value in mitigations.Sigmas)
            {
                var baseline = mitigations.Summary.FirstOrDefault(s => s.Value == value && s.Mitigation == "none");
                if (baseline is null)
                {
                    continue; // interrupted before the baseline ran
                }
                var loss = mitigations.IdealMean - baseline.Mean;
                var half = new List<string>();
                var notHalf = new List<string>();
                foreach (var s in mitigations.Summary.Where(s => s.Value == value).OrderBy(s => s.Mitigation == "none" ? 0 : 1))
                {
                    var (diff, low, high) = Difference(mitigations.Rows, s, baseline);
                    var recovered = s.Mitigation == "none" || loss <= 0 ? "–" : string.Create(inv, $"{100 * diff / loss:F0}%");
                    var recoversHalf = low > 0 && loss > 0 && diff >= 0.5 * loss;
                    var verdict = s.Mitigation == "none" ? "baseline"
                        : low > 0 ? (recoversHalf ? "helps: recovers at least half the loss" : "helps")
                        : high < 0 ? "hurts" : "no significant effect";
                    if (s.Mitigation != "none")
                    {
                        (recoversHalf ? half : notHalf).Add(recoversHalf ? $"`{s.Mitigation}` ({recovered})"
                            : $"`{s.Mitigation}` ({recovered}, {verdict})");
                    }
                    var pulses = !mitigations.PulsesPerDevice.TryGetValue((value, s.Mitigation), out var p) ? "–"
                        : p.Trials == s.Trials ? p.PerDevice.ToString("F2", inv)
                        : string.Create(inv, $"{p.PerDevice:F2} ({p.Trials} of {s.Trials} trials)");
                    md.AppendLine(string.Create(inv,
                        $"| {value:G4} | {s.Mitigation} | {MeanStd(s)} | {SweepSummary.Interval(s)} | {s.Trials} | {(s.Mitigation == "none" ? "–" : $"{100 * diff:+0.00;-0.00} [{100 * low:+0.00;-0.00}, {100 * high:+0.00;-0.00}]")} | {recovered} | {verdict} | {pulses} |"));
                }
                var head = string.Create(inv,
                    $"- σ = {value:G4} ({baseline.Trials} trials each; the baseline loses {100 * loss:F2} points, {100 * mitigations.IdealMean:F2}% → {100 * baseline.Mean:F2}%): ");
                verdicts.Add(head +
                    $"{(half.Count == 0 ? "no mitigation" : string.Join(", ", half))} recover{(half.Count <= 1 ? "s" : "")} at least half of the loss " +
                    $"(improvement significant at 95%, mean recovery ≥ 50%); {(notHalf.Count == 0 ? "every mitigation does" : $"not: {string.Join(", ", notHalf)}")}." +
                    (loss < 0.05 ? " The baseline loses less than 5 points here, so this σ does not test the issue's bar." :
                        half.Count >= 2 ? " The issue's bar (at least two mitigations recover half the loss) is met here." :
                        " The issue's bar (at least two mitigations recover half the loss) is NOT met here."));
            }
            md.AppendLine().AppendLine("Which mitigations recover at least half the loss:").AppendLine();
            foreach (var line in verdicts)
            {
                md.AppendLine(line);
            }
            if (_inputs.VatModel is null)
            {
                md.AppendLine().AppendLine("`vat` was skipped: no variation-aware model was found (ship models/lenet-vat.bmcnn or pass --vat-model).");
            }
            md.AppendLine().AppendLine("At σ = 0 (one trial each, no variation), what each mitigation costs or gains on ideal devices:").AppendLine();
            md.AppendLine("| mitigation | accuracy |").AppendLine("|---|---:|");
            foreach (var s in mitigations.Summary.Where(s => s.Value == 0))
            {
                md.AppendLine(string.Create(inv, $"| {s.Mitigation} | {100 * s.Mean:F2}% |"));
            }
            md.AppendLine().AppendLine($"![{mitigations.Name}]({mitigations.Name}.png)");
        }

        if (wires is not null)
        {
            md.AppendLine().AppendLine("## D. Accuracy vs wire resistance (circuit mode, exact transfer matrices)").AppendLine();
            md.AppendLine("| wire resistance per segment (Ω) | accuracy | trials |").AppendLine("|---:|---:|---:|");
            foreach (var s in wires)
            {
                md.AppendLine(string.Create(inv, $"| {s.Value:G4} | {100 * s.Mean:F2}% | {s.Trials} |"));
            }
            md.AppendLine().AppendLine("Devices are ideal here (σ = 0, no faults), so one trial per value is exact.").AppendLine().AppendLine("![accuracy vs wire resistance](r-wire.png)");
        }

        md.AppendLine().AppendLine("## Timing").AppendLine().AppendLine("| stage | seconds |").AppendLine("|---|---:|");
        foreach (var (stage, s) in _timing)
        {
            md.AppendLine(string.Create(inv, $"| {stage} | {s:F1} |"));
        }
        md.AppendLine(string.Create(inv, $"| total | {seconds:F1} |"));
        md.AppendLine().AppendLine("## Files").AppendLine();
        foreach (var file in Directory.GetFiles(_folder).Select(Path.GetFileName).Where(f => f is not null && !f.StartsWith('.')).Order(StringComparer.Ordinal))
        {
            md.AppendLine($"- [{file}]({file})");
        }
        md.AppendLine().AppendLine("CSV columns: `parameter,value,mitigation,trial,seed,accuracy,seconds`; any row reruns alone with `bmcnn sweep --vary PARAMETER --values VALUE --mitigation MITIGATION --first-trial TRIAL --trials 1` plus this run's `--seed`, device and image options (see docs/study.md).");
    }

    // The headline of stage B: where each spread law first costs 5 points, against the design card's expectation, and
    // why the Gaussian law collapses early (the share of devices it draws below R/10, which the lognormal law lacks).
    private void WriteLawFinding(StringBuilder md, IReadOnlyList<SummaryRow> own, IReadOnlyList<SummaryRow> other)
    {
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine().AppendLine("### Finding: the variation law decides where accuracy is lost").AppendLine();
        double? gaussianOnset = null;
        foreach (var (rows, distribution, isSpec) in new[] { (own, _inputs.Spec.Distribution, true), (other, OtherDistribution, false) })
        {
            var ideal = rows.FirstOrDefault(r => r.Value == 0);
            if (ideal is null || rows.Count < 2)
            {
                continue;
            }
            var first = rows.Where(r => r.Value > 0 && ideal.Mean - r.Mean >= 0.05).MinBy(r => r.Value);
            var top = rows.MaxBy(r => r.Value)!;
            var text = first is null
                ? string.Create(inv, $"never loses 5 points up to σ = {top.Value:G4} ({100 * top.Mean:F2}%)")
                : string.Create(inv, $"first loses at least 5 points at σ = {first.Value:G4} ({100 * first.Mean:F2}% against {100 * ideal.Mean:F2}% with ideal devices) and is {100 * top.Mean:F2}% at σ = {top.Value:G4}");
            var card = first is null || first.Value >= 0.75
                ? "as the design card expects (losses of several points only as σ nears 0.75–1)"
                : "earlier than the design card expects (losses of several points only as σ nears 0.75–1)";
            md.AppendLine($"- {Name(distribution)} spread of R{(isSpec ? " (the spec's law; Gaussian is the default fixed by issue 4)" : ", for contrast")}: the mean accuracy {text}, {card}.");
            if (distribution == VariationDistribution.Gaussian && first is not null)
            {
                gaussianOnset = first.Value;
            }
        }
        if (gaussianOnset is { } sigma)
        {
            // Gaussian R·(1 + σz) truncated to positive values: P(R < R/10) = (Φ(−0.9/σ) − Φ(−1/σ)) / (1 − Φ(−1/σ)).
            // Lognormal with mean R and standard deviation σR: ln(R'/R) ~ N(−s²/2, s²), s² = ln(1 + σ²).
            var gaussian = (Normal.CDF(0, 1, -0.9 / sigma) - Normal.CDF(0, 1, -1 / sigma)) / (1 - Normal.CDF(0, 1, -1 / sigma));
            var s2 = Math.Log(1 + sigma * sigma);
            var lognormal = Normal.CDF(0, 1, (Math.Log(0.1) + s2 / 2) / Math.Sqrt(s2));
            md.AppendLine().AppendLine(string.Create(inv,
                $"Why: a device's current is V/R, so what matters is the conductance 1/R. The Gaussian law R·(1 + σz), redrawn while not positive, keeps probability near R = 0, where the conductance is unbounded: at σ = {sigma:G4} it draws a fraction {gaussian:0.00e+0} of the devices below R/10 (conductance above 10× nominal), against {lognormal:0.00e+0} for the lognormal law with the same mean and σ. ") +
                "A network has hundreds of thousands of devices, so a few columns get such a device, whose current swamps the neuron's sum; as σ grows this tail grows much faster than σ itself, which is why the Gaussian curve falls off a cliff while the lognormal one declines gradually. " +
                "Both curves are in the table above and in sigma.png; stage C runs every mitigation under both laws.");
        }
    }

    private static string MeanStd(SummaryRow s) => string.Create(CultureInfo.InvariantCulture,
        $"{100 * s.Mean:F2} ± {SweepSummary.Percent(s.StandardDeviation)}");

    // Trial counts of the σ > 0 points (σ = 0 may run once, exactly).
    private static string TrialText(IReadOnlyList<SummaryRow> all)
    {
        var rows = all.Where(r => r.Value > 0).ToArray();
        return rows.Length == 0 ? "1" : rows.Min(r => r.Trials) == rows.Max(r => r.Trials) ? $"{rows[0].Trials}" : $"{rows.Min(r => r.Trials)}–{rows.Max(r => r.Trials)}";
    }

    // Paired by trial number when at least two trials are in both, else Welch.
    private static (double Difference, double Low, double High) Difference(IReadOnlyList<SweepRow> rows, SummaryRow a, SummaryRow b)
    {
        var baseline = rows.Where(r => r.Value == b.Value && r.Mitigation == b.Mitigation).ToDictionary(r => r.Trial, r => r.Accuracy);
        var pairs = rows.Where(r => r.Value == a.Value && r.Mitigation == a.Mitigation && baseline.ContainsKey(r.Trial))
            .OrderBy(r => r.Trial).Select(r => (r.Accuracy, baseline[r.Trial])).ToArray();
        return pairs.Length >= 2 && pairs.Length == a.Trials && pairs.Length == b.Trials
            ? PairedDifference(pairs.Select(p => p.Item1).ToArray(), pairs.Select(p => p.Item2).ToArray())
            : WelchDifference(a, b);
    }

    /// <summary>Mean of the differences a[i] − b[i] with its 95% t interval (n − 1 degrees of freedom); n ≥ 2.</summary>
    public static (double Difference, double Low, double High) PairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count || a.Count < 2)
        {
            throw new ArgumentException("paired difference needs two equally long lists of at least two values");
        }
        var d = a.Zip(b, (x, y) => x - y).ToArray();
        var summary = SweepSummary.Of("", 0, "", d);
        return summary.StandardDeviation == 0 ? (summary.Mean, summary.Mean, summary.Mean) : (summary.Mean, summary.Low, summary.High);
    }

    /// <summary>Mean difference a − b with its 95% Welch interval (NaN bounds when either side has one trial).</summary>
    public static (double Difference, double Low, double High) WelchDifference(SummaryRow a, SummaryRow b)
    {
        var diff = a.Mean - b.Mean;
        if (a.Trials < 2 || b.Trials < 2)
        {
            return (diff, double.NaN, double.NaN);
        }
        var va = a.StandardDeviation * a.StandardDeviation / a.Trials;
        var vb = b.StandardDeviation * b.StandardDeviation / b.Trials;
        var se = Math.Sqrt(va + vb);
        if (se == 0)
        {
            return (diff, diff, diff);
        }
        var df = (va + vb) * (va + vb) / (va * va / (a.Trials - 1) + vb * vb / (b.Trials - 1));
        var t = StudentT.InvCDF(0, 1, df, 0.975);
        return (diff, diff - t * se, diff + t * se);
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                return line[(line.IndexOf(':') + 1)..].Trim();
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
