using System.CommandLine;
using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Data;
using Bmcnn.Mapping.Model;
using Bmcnn.Mapping.Study;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// The model, data and device options a sweep shares with <c>eval</c>: <c>--model</c>, <c>--vat-model</c>,
/// <c>--data</c>, <c>--limit</c>, <c>--threads</c>, <c>--device SPEC.json</c> and the per-field overrides
/// (<c>--r-wire</c>, <c>--r-on</c>, <c>--r-off</c>, <c>--sigma-on</c>, <c>--sigma-off</c>, <c>--stuck-on</c>,
/// <c>--stuck-off</c>, <c>--offset-sigma</c>, <c>--scheme</c>, <c>--redundancy</c>, <c>--tile RxC</c>).
/// </summary>
public sealed class SweepDeviceOptions
{
    private readonly Option<string?> _model = new("--model") { Description = "model file (default: the shipped lenet)" };
    private readonly Option<string?> _vatModel = new("--vat-model") { Description = "variation-aware model for `vat` (default: the shipped lenet-vat)" };
    private readonly Option<string?> _data = new("--data") { Description = "MNIST folder" };
    private readonly Option<int?> _limit = new("--limit") { Description = "only the first N test images" };
    private readonly Option<int> _threads = new("--threads") { Description = "worker threads in all (0 = all cores)", DefaultValueFactory = _ => 0 };
    private readonly Option<string?> _device = new("--device") { Description = "device spec JSON file or preset name (default: rram)" };
    private readonly Option<double?> _rWire = new("--r-wire") { Description = "wire resistance per segment, rows and columns (Ω)" };
    private readonly Option<double?> _rOn = new("--r-on") { Description = "R_ON (Ω)" };
    private readonly Option<double?> _rOff = new("--r-off") { Description = "R_OFF (Ω)" };
    private readonly Option<double?> _sigmaOn = new("--sigma-on") { Description = "relative σ of R_ON" };
    private readonly Option<double?> _sigmaOff = new("--sigma-off") { Description = "relative σ of R_OFF" };
    private readonly Option<double?> _stuckOn = new("--stuck-on") { Description = "fraction of devices stuck ON" };
    private readonly Option<double?> _stuckOff = new("--stuck-off") { Description = "fraction of devices stuck OFF" };
    private readonly Option<double?> _offsetSigma = new("--offset-sigma") { Description = "sense-amplifier offset σ (A)" };
    private readonly Option<string?> _scheme = new("--scheme") { Description = "differential|reference" };
    private readonly Option<int?> _redundancy = new("--redundancy") { Description = "devices in parallel per weight" };
    private readonly Option<string?> _tile = new("--tile") { Description = "tile size RxC (default 128x128)" };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _model, _vatModel, _data, _limit, _threads, _device, _rWire, _rOn, _rOff, _sigmaOn, _sigmaOff,
                     _stuckOn, _stuckOff, _offsetSigma, _scheme, _redundancy, _tile })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The device spec: the file or preset, then each override, validated.</summary>
    public DeviceSpec Spec(ParseResult parse)
    {
        var device = parse.GetValue(_device);
        var spec = device is null ? DevicePresets.Rram.Spec
            : File.Exists(device) ? DeviceSpecFile.Load(device) : DevicePresets.Get(device).Spec;
        if (parse.GetValue(_rWire) is { } w) spec = spec with { RWireRow = w, RWireColumn = w };
        if (parse.GetValue(_rOn) is { } ron) spec = spec with { ROn = ron };
        if (parse.GetValue(_rOff) is { } roff) spec = spec with { ROff = roff };
        if (parse.GetValue(_sigmaOn) is { } son) spec = spec with { SigmaOn = son };
        if (parse.GetValue(_sigmaOff) is { } soff) spec = spec with { SigmaOff = soff };
        if (parse.GetValue(_stuckOn) is { } kon) spec = spec with { StuckOn = kon };
        if (parse.GetValue(_stuckOff) is { } koff) spec = spec with { StuckOff = koff };
        if (parse.GetValue(_offsetSigma) is { } off) spec = spec with { OffsetSigma = off };
        if (parse.GetValue(_redundancy) is { } k) spec = spec with { Redundancy = k };
        if (parse.GetValue(_scheme) is { } scheme)
        {
            spec = spec with
            {
                Scheme = scheme switch
                {
                    "differential" => WeightScheme.Differential,
                    "reference" => WeightScheme.Reference,
                    _ => throw new BmcnnException($"--scheme: unknown scheme '{scheme}' (expected differential or reference)"),
                },
            };
        }
        if (parse.GetValue(_tile) is { } tile)
        {
            var parts = tile.ToLowerInvariant().Split('x');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var r)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var c))
            {
                throw new BmcnnException($"--tile: '{tile}' is not RxC (e.g. 128x128)");
            }
            spec = spec with { TileRows = r, TileColumns = c };
        }
        return spec.Validate();
    }

    /// <summary>Loads everything a sweep needs; training images and the VAT model only when a mitigation needs them.</summary>
    public StudySetup Load(ParseResult parse, IReadOnlyList<Mitigation> mitigations, TextWriter progress)
    {
        var spec = Spec(parse);
        var model = DefaultModel.LoadOrDefault(parse.GetValue(_model));
        BnnModel? vat = null;
        if (mitigations.Any(m => m.UseVariationAwareModel))
        {
            vat = parse.GetValue(_vatModel) is { } path ? ModelFile.Load(path) : DefaultModel.Load(DefaultModel.LenetVariationAware);
        }
        var folder = MnistFolder.Resolve(parse.GetValue(_data), progress: progress);
        var test = MnistFolder.LoadTest(folder).Take(parse.GetValue(_limit));
        Func<MnistSet>? train = mitigations.Any(m => m.CalibrationImages is not null) ? () => MnistFolder.LoadTrain(folder) : null;
        return new StudySetup(model, vat, spec, test, train, parse.GetValue(_threads));
    }
}
