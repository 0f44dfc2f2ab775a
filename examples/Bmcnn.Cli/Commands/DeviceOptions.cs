using System.CommandLine;
using System.Globalization;
using Bmcnn.Circuit;
using Bmcnn.Devices;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// The hardware options of <c>eval</c>, <c>netlist tile</c> and <c>crosscheck tiles</c>: <c>--device SPEC.json</c> (or a
/// preset name; default <c>rram</c>), then per-field overrides <c>--r-wire</c>, <c>--r-on</c>, <c>--r-off</c>,
/// <c>--sigma-on</c>, <c>--sigma-off</c>, <c>--stuck-on</c>, <c>--stuck-off</c>, <c>--offset-sigma</c>,
/// <c>--scheme</c>, <c>--redundancy</c>, <c>--tile RxC</c>, and the programming <c>--seed</c>.
/// </summary>
public sealed class DeviceOptions
{
    private readonly Option<string?> _device = new("--device")
    {
        Description = "device spec JSON file or preset name (tio2-memtorch, rram, rram-wires; default rram)",
    };
    private readonly Option<double?> _rWire = new("--r-wire")
    {
        Description = "wire resistance per segment on rows and columns, ohms (0 = ideal wires)",
    };
    private readonly Option<double?> _rOn = new("--r-on") { Description = "R_ON, ohms" };
    private readonly Option<double?> _rOff = new("--r-off") { Description = "R_OFF, ohms" };
    private readonly Option<double?> _sigmaOn = new("--sigma-on") { Description = "relative device-to-device σ of R_ON" };
    private readonly Option<double?> _sigmaOff = new("--sigma-off") { Description = "relative device-to-device σ of R_OFF" };
    private readonly Option<double?> _stuckOn = new("--stuck-on") { Description = "fraction of devices stuck ON" };
    private readonly Option<double?> _stuckOff = new("--stuck-off") { Description = "fraction of devices stuck OFF" };
    private readonly Option<double?> _offsetSigma = new("--offset-sigma") { Description = "sense-amplifier input-referred offset σ, amperes" };
    private readonly Option<string?> _scheme = new("--scheme") { Description = "signed weights: differential|reference" };
    private readonly Option<int?> _redundancy = new("--redundancy") { Description = "devices in parallel per weight (K)" };
    private readonly Option<string?> _tile;
    private readonly Option<ulong> _seed = new("--seed") { Description = "seed of the device draws", DefaultValueFactory = _ => 1 };

    /// <summary>
    /// Creates the options; <paramref name="tileSizeName"/> names the tile-size option (<c>--tile</c>, or
    /// <c>--tile-size</c> in <c>netlist tile</c>, whose <c>--tile</c> is a tile index).
    /// </summary>
    public DeviceOptions(string tileSizeName = "--tile")
    {
        TileSizeName = tileSizeName;
        _tile = new Option<string?>(tileSizeName) { Description = "tile size RxC in devices (default 128x128)" };
    }

    /// <summary>The name of the tile-size option.</summary>
    public string TileSizeName { get; }

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public DeviceOptions AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Option[] options = [_device, _rWire, _rOn, _rOff, _sigmaOn, _sigmaOff, _stuckOn, _stuckOff, _offsetSigma, _scheme, _redundancy, _tile, _seed];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        return this;
    }

    /// <summary>The programming seed.</summary>
    public ulong Seed(ParseResult parse) => parse.GetValue(_seed);

    /// <summary>
    /// The spec a <c>--device</c> value names: a JSON file (an existing path or a name ending in .json), else a preset;
    /// null gives the default preset. Shared with <c>reproduce</c>, whose <c>--device</c> takes the same values.
    /// </summary>
    public static DeviceSpec Base(string? device) =>
        device is null ? DevicePresets.Get(DevicePresets.DefaultName).Spec
            : File.Exists(device) || device.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? DeviceSpecFile.Load(device)
            : DevicePresets.Get(device).Spec;

    /// <summary>The device spec: the file or preset, then each override, validated.</summary>
    public DeviceSpec Spec(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var spec = Base(parse.GetValue(_device));
        if (parse.GetValue(_rWire) is { } w) spec = spec with { RWireRow = w, RWireColumn = w };
        if (parse.GetValue(_rOn) is { } rOn) spec = spec with { ROn = rOn };
        if (parse.GetValue(_rOff) is { } rOff) spec = spec with { ROff = rOff };
        if (parse.GetValue(_sigmaOn) is { } sigmaOn) spec = spec with { SigmaOn = sigmaOn };
        if (parse.GetValue(_sigmaOff) is { } sigmaOff) spec = spec with { SigmaOff = sigmaOff };
        if (parse.GetValue(_stuckOn) is { } stuckOn) spec = spec with { StuckOn = stuckOn };
        if (parse.GetValue(_stuckOff) is { } stuckOff) spec = spec with { StuckOff = stuckOff };
        if (parse.GetValue(_offsetSigma) is { } offset) spec = spec with { OffsetSigma = offset };
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
                throw new BmcnnException($"{TileSizeName}: '{tile}' is not RxC (e.g. 128x128)");
            }
            spec = spec with { TileRows = r, TileColumns = c };
        }
        return spec.Validate();
    }
}
