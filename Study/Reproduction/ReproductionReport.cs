using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Bmcnn.Devices;
using Bmcnn.Network.Data;
using Bmcnn.Study.Statistics;
using Bmcnn.Study.Sweeps;
using MathNet.Numerics.Distributions;

namespace Bmcnn.Study.Reproduction;

/// <summary>
/// Writes results.md of <c>bmcnn reproduce</c> from what <see cref="ReproductionRunner"/> measured: the setup, one
/// table per stage with trial counts and 95% intervals, the verdict of every mitigation, timing and the file list.
/// </summary>
internal sealed class ReproductionReport
{
    private readonly ReproductionInputs _inputs;
    private readonly ReproductionPlan _plan;
    private readonly string _folder;
    private readonly bool _interrupted;
    private readonly IReadOnlyList<(string Stage, double Seconds)> _timing;

    public ReproductionReport(ReproductionInputs inputs, ReproductionPlan plan, string folder, bool interrupted,
        IReadOnlyList<(string Stage, double Seconds)> timing)
    {
        _inputs = inputs;
        _plan = plan;
        _folder = folder;
        _interrupted = interrupted;
        _timing = timing;
    }

    private MnistSet TestSet(int? limit) => _inputs.Test.Take(limit);

    /// <summary>Appends the whole report to <paramref name="md"/>.</summary>
    public void Write(StringBuilder md, List<EngineRow> engines, IReadOnlyList<SummaryRow> sigma, IReadOnlyList<SummaryRow> contrast,
        IReadOnlyList<SummaryRow> split,
        IReadOnlyList<MitigationOutcome> outcomes, IReadOnlyList<SummaryRow>? wires, double seconds,
        IReadOnlyList<ReportSection>? sections = null)
    {
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine($"# BMCNN variation study ({_plan.Name})").AppendLine();
        md.AppendLine(string.Create(inv, $"Written by `bmcnn reproduce{(_plan.Name == "quick" ? " --quick" : "")}` on " +
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC in {seconds:F0} s. No training: the shipped models are evaluated."));
        if (_interrupted)
        {
            md.AppendLine().AppendLine("**Interrupted**: some stages are incomplete; rerun the same command to resume (finished trials are kept in " +
                "the CSVs).");
        }
        md.AppendLine().AppendLine("## Setup").AppendLine();
        if (_plan.Note is not null) md.AppendLine($"- Plan: {_plan.Note}");
        md.AppendLine($"- Default model: {_inputs.ModelName}; variation-aware model (`vat`): {_inputs.VatModelName}");
        md.AppendLine($"- Device spec: `{_inputs.Spec}`");
        md.AppendLine(string.Create(inv, $"- Test images: {TestSet(_plan.TestImages).Count} for behavioral stages, " +
            $"{TestSet(_plan.CircuitImages).Count} for circuit stages (the first N of the {_inputs.DatasetTitle} test set); " +
            $"base seed {_inputs.Seed}"));
        md.AppendLine($"- Machine: {CpuModel()}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, " +
            $"{RuntimeInformation.OSDescription}");
        md.AppendLine("- Variation laws (σ is the coefficient of variation of what each spreads): lognormal R·exp(μ + s·z) with mean R and " +
            "standard deviation σ·R; Gaussian R·(1 + σ·z), z standard normal, redrawn while not positive; Gaussian conductance G·(1 + σ·z) " +
            "floored at 1% of G; empirical: resampled measured resistances rescaled to mean R and CV σ (docs/mapping.md). " +
            "Every trial programs fresh devices from its own seed (the CSVs' " +
            "`seed` column).");
        md.AppendLine().AppendLine("Device spec JSON:").AppendLine().AppendLine("```json")
            .AppendLine(DeviceSpecFile.ToJson(_inputs.Spec)).AppendLine("```");

        md.AppendLine().AppendLine("## A. Software vs behavioral vs circuit (ideal devices)").AppendLine();
        md.AppendLine("| mode | hardware | images | accuracy | same prediction as software | seconds |").AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var e in engines)
        {
            md.AppendLine(string.Create(inv,
                $"| {e.Mode} | {e.Hardware} | {e.Images} | {100 * e.Accuracy:F2}% | {100 * e.Agreement:F2}% | {e.Seconds:F1} |"));
        }

        md.AppendLine().AppendLine("## B. Accuracy vs σ of R_ON and R_OFF (behavioral mode)").AppendLine();
        md.AppendLine("Mean ± standard deviation over trials, in %, with the 95% interval of the mean (t distribution) and the trial " +
            "count.").AppendLine();
        var otherLabel = split.Select(s => s.Mitigation).FirstOrDefault(m => m.StartsWith("R_ON and R_OFF, ", StringComparison.Ordinal))
            ?? "R_ON and R_OFF, other";
        md.AppendLine($"Columns: σ applied to R_ON and R_OFF together, to R_ON only, to R_OFF only (the spec's " +
            $"{_inputs.Spec.Distribution.ToString().ToLowerInvariant()} spread), and together with the {otherLabel["R_ON and R_OFF, ".Length..]} " +
            $"spread for contrast.").AppendLine();
        md.AppendLine($"| σ | R_ON and R_OFF | 95% CI | n | R_ON only | 95% CI | n | R_OFF only | 95% CI | n | {otherLabel} | 95% CI | n " +
            $"|").AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var value in split.Select(s => s.Value).Distinct().Order())
        {
            var cells = new[] { "R_ON and R_OFF", "R_ON only", "R_OFF only", otherLabel }
                .Select(label => split.FirstOrDefault(s => s.Value == value && s.Mitigation == label))
                .Select(s => s is null ? "| – | – | – " : $"| {MeanStd(s)} | {SweepSummary.Interval(s)} | {s.Trials} ");
            md.AppendLine(string.Create(inv, $"| {value:G4} {string.Concat(cells)}|"));
        }
        md.AppendLine().AppendLine("![accuracy vs sigma](sigma.png)").AppendLine().AppendLine("![together and separately](sigma-split.png)");
        WriteLawFinding(md, sigma, contrast);
        // Extra sections go where their letter says: the σ curves of the other laws right after B, the rest after D.
        var early = (sections ?? []).Where(s => string.CompareOrdinal(s.Title, "C") < 0).ToList();
        foreach (var section in early)
        {
            section.Write(md);
        }

        foreach (var mitigations in outcomes)
        {
            md.AppendLine().AppendLine($"## C. Mitigations at the σ where the baseline loses accuracy ({mitigations.Spread} spread of R, " +
                $"behavioral mode)").AppendLine();
            md.AppendLine(string.Create(inv, $"σ chosen: {string.Join(", ", mitigations.Sigmas.Select(s => s.ToString("G4", inv)))} " +
                $"({mitigations.Choice}; rows in {mitigations.Name}.csv). Baseline with ideal devices (stage B, σ = 0): " +
                $"{100 * mitigations.IdealMean:F2}%."));
            md.AppendLine("Recovered = (mitigation − baseline) / (ideal − baseline), the share of the baseline's loss won back. The difference to " +
                "the baseline is paired by trial: trial t of every mitigation programs the same device draws as the baseline's trial t (the seed " +
                "depends on σ and trial only), so its 95% interval is the t interval of the per-trial differences, free of the chip-to-chip spread " +
                "(`redundancy` and `reference` program other device counts, hence other chips; the paired interval is still valid for them). The " +
                "verdict uses that interval. `differential` is the spec's own scheme, so it is the baseline itself; `reference` is the alternative " +
                "mapping.").AppendLine();
            md.AppendLine("| σ | mitigation | accuracy (mean ± std) | 95% CI | n | difference to baseline [95% CI, paired by trial] | recovered | " +
                "verdict | extra pulses per device |").AppendLine("|---:|---|---:|---:|---:|---:|---:|---|---:|");
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
                        $"| {value:G4} | {s.Mitigation} | {MeanStd(s)} | {SweepSummary.Interval(s)} | {s.Trials} | " +
                            $"{(s.Mitigation == "none" ? "–" : $"{100 * diff:+0.00;-0.00} [{100 * low:+0.00;-0.00}, {100 * high:+0.00;-0.00}]")} | " +
                            $"{recovered} | {verdict} | {pulses} |"));
                }
                var head = string.Create(inv,
                    $"- σ = {value:G4} ({baseline.Trials} trials each; the baseline loses {100 * loss:F2} points, " +
                        $"{100 * mitigations.IdealMean:F2}% → {100 * baseline.Mean:F2}%): ");
                verdicts.Add(head +
                    $"{(half.Count == 0 ? "no mitigation" : string.Join(", ", half))} recover{(half.Count <= 1 ? "s" : "")} at least half of the " +
                        $"loss " +
                    $"(improvement significant at 95%, mean recovery ≥ 50%); " +
                        $"{(notHalf.Count == 0 ? "every mitigation does" : $"not: {string.Join(", ", notHalf)}")}." +
                    (loss < 0.05 ? " The baseline loses less than 5 points here, so this σ does not test the study's bar." :
                        half.Count >= 2 ? " The study's bar (at least two mitigations recover half the loss) is met here." :
                        " The study's bar (at least two mitigations recover half the loss) is NOT met here."));
            }
            md.AppendLine().AppendLine("Which mitigations recover at least half the loss:").AppendLine();
            foreach (var line in verdicts)
            {
                md.AppendLine(line);
            }
            if (_inputs.VatModel is null)
            {
                md.AppendLine().AppendLine(_inputs.DatasetTitle == "MNIST"
                    ? "`vat` was skipped: no variation-aware model was found (ship models/lenet-vat.bmcnn or pass --vat-model)."
                    : $"`vat` and `vat-noise` were skipped: the shipped variation-aware models are MNIST models; pass --vat-model " +
                        $"with one trained for {_inputs.DatasetTitle}.");
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
            md.AppendLine().AppendLine("Devices are ideal here (σ = 0, no faults), so one trial per value is " +
                "exact.").AppendLine().AppendLine("![accuracy vs wire resistance](r-wire.png)");
        }

        foreach (var section in (sections ?? []).Except(early))
        {
            section.Write(md);
        }

        md.AppendLine().AppendLine("## Timing").AppendLine().AppendLine("| stage | seconds |").AppendLine("|---|---:|");
        foreach (var (stage, s) in _timing)
        {
            md.AppendLine(string.Create(inv, $"| {stage} | {s:F1} |"));
        }
        md.AppendLine(string.Create(inv, $"| total | {seconds:F1} |"));
        md.AppendLine().AppendLine("## Files").AppendLine();
        foreach (var file in Directory.GetFiles(_folder).Select(Path.GetFileName).Where(f => f is not null
            && !f.StartsWith('.')).Order(StringComparer.Ordinal))
        {
            md.AppendLine($"- [{file}]({file})");
        }
        md.AppendLine().AppendLine("CSV columns: `parameter,value,mitigation,trial,seed,accuracy,seconds`; any row reruns alone with `bmcnn sweep " +
            "--vary PARAMETER --values VALUE --mitigation MITIGATION --first-trial TRIAL --trials 1` plus this run's `--seed`, device and image " +
            "options (see docs/study.md).");
    }

    // The headline of stage B: where each spread law first costs 5 points, against the expected onset, and
    // why the Gaussian law collapses early (the share of devices it draws below R/10, which the lognormal law lacks).
    private void WriteLawFinding(StringBuilder md, IReadOnlyList<SummaryRow> own, IReadOnlyList<SummaryRow> other)
    {
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine().AppendLine("### Finding: the variation law decides where accuracy is lost").AppendLine();
        double? gaussianOnset = null;
        foreach (var (rows, distribution, isSpec) in new[] { (own, _inputs.Spec.Distribution, true), (other,
            ReproductionRunner.Contrast(_inputs.Spec.Distribution), false) })
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
                : string.Create(inv, $"first loses at least 5 points at σ = {first.Value:G4} ({100 * first.Mean:F2}% against " +
                    $"{100 * ideal.Mean:F2}% with ideal devices) and is {100 * top.Mean:F2}% at σ = {top.Value:G4}");
            var card = first is null || first.Value >= 0.75
                ? "as expected (losses of several points only as σ nears 0.75–1)"
                : "earlier than expected (losses of several points only as σ nears 0.75–1)";
            md.AppendLine($"- {ReproductionRunner.Name(distribution)} spread of R{(isSpec ? " (the spec's law)" : ", for contrast")}: the mean " +
                $"accuracy {text}, {card}.");
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
                $"Why: a device's current is V/R, so what matters is the conductance 1/R. The Gaussian law R·(1 + σz), redrawn while not positive, " +
                    $"keeps probability near R = 0, where the conductance is unbounded: at σ = {sigma:G4} it draws a fraction {gaussian:0.00e+0} " +
                    $"of the devices below R/10 (conductance above 10× nominal), against {lognormal:0.00e+0} for the lognormal law with the same " +
                    $"mean and σ. ") +
                "A network has hundreds of thousands of devices, so a few columns get such a device, whose current swamps the neuron's sum; as σ " +
                    "grows this tail grows much faster than σ itself, which is why the Gaussian curve falls off a cliff while the lognormal one " +
                    "declines gradually. " +
                "Both curves are in the table above and in sigma.png; stage C runs every mitigation under both laws.");
        }
    }

    private static string MeanStd(SummaryRow s) => string.Create(CultureInfo.InvariantCulture,
        $"{100 * s.Mean:F2} ± {SweepSummary.Percent(s.StandardDeviation)}");

    // Trial counts of the σ > 0 points (σ = 0 may run once, exactly).
    internal static string TrialText(IReadOnlyList<SummaryRow> all)
    {
        var rows = all.Where(r => r.Value > 0).ToArray();
        return rows.Length == 0 ? "1" : rows.Min(r => r.Trials) == rows.Max(r => r.Trials) ? $"{rows[0].Trials}"
            : $"{rows.Min(r => r.Trials)}–{rows.Max(r => r.Trials)}";
    }

    // Paired by trial number when at least two trials are in both, else Welch.
    private static (double Difference, double Low, double High) Difference(IReadOnlyList<SweepRow> rows, SummaryRow a, SummaryRow b)
    {
        var baseline = rows.Where(r => r.Value == b.Value && r.Mitigation == b.Mitigation).ToDictionary(r => r.Trial, r => r.Accuracy);
        var pairs = rows.Where(r => r.Value == a.Value && r.Mitigation == a.Mitigation && baseline.ContainsKey(r.Trial))
            .OrderBy(r => r.Trial).Select(r => (r.Accuracy, baseline[r.Trial])).ToArray();
        return pairs.Length >= 2 && pairs.Length == a.Trials && pairs.Length == b.Trials
            ? MeanDifference.Paired(pairs.Select(p => p.Item1).ToArray(), pairs.Select(p => p.Item2).ToArray())
            : MeanDifference.Welch(a, b);
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
