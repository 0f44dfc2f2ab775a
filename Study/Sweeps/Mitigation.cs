using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Devices;

namespace Bmcnn.Study.Sweeps;

/// <summary>
/// One mitigation as a sweep applies it: a '+'-joined combination such as <c>vat+redundancy:3</c>. <see cref="Text"/>
/// keeps the spelling the user gave (it is the CSV <c>mitigation</c> column); the properties say what to change in
/// the model, the device spec and the programming step.
/// </summary>
public sealed class Mitigation
{
    /// <summary>Training images used by <c>calibrate</c> without a count.</summary>
    public const int DefaultCalibrationImages = 256;

    /// <summary>Relative tolerance used by <c>verify</c> without a value.</summary>
    public const double DefaultVerifyTolerance = 0.1;

    /// <summary>Grammar shown in every parse error.</summary>
    public const string Grammar = "none, vat, vat-noise, redundancy:K, reference, differential, calibrate[:N], verify[:TOL], combined with '+'";

    private Mitigation(string text, IReadOnlyList<MitigationKind> kinds)
    {
        Text = text;
        Kinds = kinds;
    }

    /// <summary>The baseline: nothing changed.</summary>
    public static Mitigation None { get; } = new("none", [MitigationKind.None]);

    /// <summary>The text as given, the CSV <c>mitigation</c> column.</summary>
    public string Text { get; }

    /// <summary>The kinds combined, in the order given.</summary>
    public IReadOnlyList<MitigationKind> Kinds { get; }

    /// <summary>True for the baseline.</summary>
    public bool IsNone => Kinds.Count == 1 && Kinds[0] == MitigationKind.None;

    /// <summary>Use the variation-aware-trained model.</summary>
    public bool UseVariationAwareModel { get; private init; }

    /// <summary>Use the model trained with multiplicative Gaussian weight noise (<c>vat-noise</c>).</summary>
    public bool UseNoiseTrainedModel { get; private init; }

    /// <summary>Devices in parallel per weight, or null to keep the spec's value.</summary>
    public int? Redundancy { get; private init; }

    /// <summary><c>differential</c> or <c>reference</c> to override the spec's mapping scheme, or null to keep it.</summary>
    public string? Scheme { get; private init; }

    /// <summary>Training images for sense-amplifier calibration, or null for no calibration.</summary>
    public int? CalibrationImages { get; private init; }

    /// <summary>Relative program-and-verify tolerance, or null for open-loop programming.</summary>
    public double? VerifyTolerance { get; private init; }

    /// <summary>Parses a comma-separated list of mitigations (<c>--mitigation</c>); duplicates are refused.</summary>
    /// <exception cref="BmcnnException">One-line message naming the bad item.</exception>
    public static IReadOnlyList<Mitigation> ParseList(string text)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
        {
            throw new BmcnnException($"--mitigation: the list is empty (expected {Grammar})");
        }
        var result = new List<Mitigation>();
        foreach (var item in items)
        {
            var mitigation = Parse(item);
            if (result.Any(m => m.Text == mitigation.Text))
            {
                throw new BmcnnException($"--mitigation: '{item}' is listed twice");
            }
            result.Add(mitigation);
        }
        return result;
    }

    /// <summary>Parses one '+'-joined mitigation.</summary>
    /// <exception cref="BmcnnException">One-line message naming the bad part.</exception>
    public static Mitigation Parse(string text)
    {
        text = text.Trim();
        if (text.Length == 0 || text.Contains(',') || text.Any(char.IsWhiteSpace))
        {
            throw new BmcnnException($"--mitigation: '{text}' is not a mitigation (expected {Grammar})");
        }
        var kinds = new List<MitigationKind>();
        bool vat = false, vatNoise = false;
        int? redundancy = null;
        string? scheme = null;
        int? calibrate = null;
        double? verify = null;
        foreach (var part in text.Split('+'))
        {
            var colon = part.IndexOf(':');
            var name = colon < 0 ? part : part[..colon];
            var argument = colon < 0 ? null : part[(colon + 1)..];
            var kind = name switch
            {
                "none" => MitigationKind.None,
                "vat" => MitigationKind.VariationAwareTraining,
                "vat-noise" => MitigationKind.NoiseAwareTraining,
                "redundancy" => MitigationKind.Redundancy,
                "reference" => MitigationKind.Reference,
                "differential" => MitigationKind.Differential,
                "calibrate" => MitigationKind.Calibrate,
                "verify" => MitigationKind.Verify,
                _ => throw new BmcnnException($"--mitigation: unknown mitigation '{part}' in '{text}' (expected {Grammar})"),
            };
            if (kinds.Contains(kind))
            {
                throw new BmcnnException($"--mitigation: '{text}' names '{name}' twice");
            }
            if (kind is MitigationKind.VariationAwareTraining or MitigationKind.NoiseAwareTraining
                && (kinds.Contains(MitigationKind.VariationAwareTraining) || kinds.Contains(MitigationKind.NoiseAwareTraining)))
            {
                throw new BmcnnException($"--mitigation: '{text}' names both 'vat' and 'vat-noise' (pick one model)");
            }
            if (kind is MitigationKind.Reference or MitigationKind.Differential && scheme is not null)
            {
                throw new BmcnnException($"--mitigation: '{text}' names both 'reference' and 'differential' (pick one scheme)");
            }
            kinds.Add(kind);
            switch (kind)
            {
                case MitigationKind.None:
                case MitigationKind.VariationAwareTraining:
                case MitigationKind.NoiseAwareTraining:
                case MitigationKind.Reference:
                case MitigationKind.Differential:
                    if (argument is not null)
                    {
                        throw new BmcnnException($"--mitigation: '{name}' takes no value (got '{part}' in '{text}')");
                    }
                    vat |= kind == MitigationKind.VariationAwareTraining;
                    vatNoise |= kind == MitigationKind.NoiseAwareTraining;
                    if (kind is MitigationKind.Reference or MitigationKind.Differential)
                    {
                        scheme = name;
                    }
                    break;
                case MitigationKind.Redundancy:
                    if (argument is null)
                    {
                        throw new BmcnnException($"--mitigation: 'redundancy' needs a device count, e.g. redundancy:3 (in '{text}')");
                    }
                    redundancy = ParseCount(argument, part, text, 1, 64);
                    break;
                case MitigationKind.Calibrate:
                    calibrate = argument is null ? DefaultCalibrationImages : ParseCount(argument, part, text, 1, 60_000);
                    break;
                case MitigationKind.Verify:
                    verify = argument is null ? DefaultVerifyTolerance : ParseTolerance(argument, part, text);
                    break;
            }
        }
        if (kinds.Contains(MitigationKind.None) && kinds.Count > 1)
        {
            throw new BmcnnException($"--mitigation: 'none' cannot be combined with others (in '{text}')");
        }
        return new Mitigation(text, kinds)
        {
            UseVariationAwareModel = vat,
            UseNoiseTrainedModel = vatNoise,
            Redundancy = redundancy,
            Scheme = scheme,
            CalibrationImages = calibrate,
            VerifyTolerance = verify,
        };
    }

    private static int ParseCount(string argument, string part, string text, int min, int max)
    {
        if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new BmcnnException($"--mitigation: '{part}' in '{text}' needs a whole number from {min} to {max}");
        }
        return value;
    }

    private static double ParseTolerance(string argument, string part, string text)
    {
        if (!double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0 && value < 1))
        {
            throw new BmcnnException($"--mitigation: '{part}' in '{text}' needs a relative tolerance between 0 and 1, e.g. verify:0.1");
        }
        return value;
    }

    /// <summary>
    /// The device spec this mitigation programs: redundancy and mapping scheme override the spec's; calibration,
    /// program-and-verify and the model choice act elsewhere (inference set-up, programming step, model file).
    /// </summary>
    public DeviceSpec ApplyTo(DeviceSpec spec)
    {
        if (Redundancy is { } k)
        {
            spec = spec with { Redundancy = k };
        }
        if (Scheme is { } scheme)
        {
            spec = spec with { Scheme = scheme == "reference" ? WeightScheme.Reference : WeightScheme.Differential };
        }
        return spec.Validate();
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
