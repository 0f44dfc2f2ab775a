using System.CommandLine;
using Bmcnn.Network.Data;
using Bmcnn.Network.Model;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Cli.Commands;

/// <summary>
/// The options a sweep shares with <c>eval</c>: the hardware (<see cref="DeviceOptions"/>: <c>--device</c>, the
/// per-field overrides and <c>--seed</c>, here the base seed every trial's seed derives from), plus <c>--model</c>,
/// <c>--vat-model</c>, <c>--data</c>, <c>--limit</c> and <c>--threads</c>.
/// </summary>
public sealed class StudyOptions
{
    private readonly DeviceOptions _device = new();
    private readonly Option<string?> _model = CommonOptions.Model();
    private readonly Option<string?> _vatModel = new("--vat-model")
    {
        Description = "variation-aware model for `vat` (default: the shipped lenet-vat)",
    };
    private readonly Option<string?> _vatNoiseModel = new("--vat-noise-model")
    {
        Description = "model trained with multiplicative weight noise, for `vat-noise` (default: the shipped lenet-vat-noise)",
    };
    private readonly DatasetOptions _dataset = new();
    private readonly Option<int?> _limit = CommonOptions.Limit();
    private readonly Option<int> _threads = CommonOptions.Threads("worker threads in all (0 = all cores)");

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        _device.AddTo(command);
        _dataset.AddTo(command);
        foreach (var option in new Option[] { _model, _vatModel, _vatNoiseModel, _limit, _threads })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The base seed (<c>--seed</c>).</summary>
    public long BaseSeed(ParseResult parse) => unchecked((long)_device.Seed(parse));

    /// <summary>Loads everything a sweep needs; training images and the VAT model only when a mitigation needs them.</summary>
    public StudySetup Load(ParseResult parse, IReadOnlyList<Mitigation> mitigations, TextWriter progress)
    {
        var spec = _device.Spec(parse);
        var model = DefaultModel.LoadOrDefault(parse.GetValue(_model));
        var models = new List<(string, BnnModel)> { (DatasetOptions.ModelLabel(parse.GetValue(_model)), model) };
        BnnModel? vat = null;
        if (mitigations.Any(m => m.UseVariationAwareModel))
        {
            vat = parse.GetValue(_vatModel) is { } path ? ModelFile.Load(path) : DefaultModel.Load(DefaultModel.LenetVariationAware);
            models.Add((DatasetOptions.ModelLabel(parse.GetValue(_vatModel), DefaultModel.LenetVariationAware), vat));
        }
        BnnModel? noise = null;
        if (mitigations.Any(m => m.UseNoiseTrainedModel))
        {
            noise = parse.GetValue(_vatNoiseModel) is { } path ? ModelFile.Load(path) : DefaultModel.Load(DefaultModel.LenetNoiseAware);
            models.Add((DatasetOptions.ModelLabel(parse.GetValue(_vatNoiseModel), DefaultModel.LenetNoiseAware), noise));
        }
        var source = _dataset.Resolve(parse, progress);
        var test = DatasetOptions.Test(source, models.ToArray()).Take(parse.GetValue(_limit));
        Func<MnistSet>? train = mitigations.Any(m => m.CalibrationImages is not null) ? source.LoadTrain : null;
        return new StudySetup(model, vat, spec, test, train, parse.GetValue(_threads)) { NoiseModel = noise };
    }
}
