using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Mapping.Mitigations;
using Bmcnn.Network.Data;
using Bmcnn.Network.Inference;
using Bmcnn.Network.Model;

namespace Bmcnn.Study.Sweeps;

/// <summary>
/// One Monte-Carlo trial on the real network: the swept value and the mitigation are applied to the device spec
/// (<see cref="SweepParameter.ApplyTo"/>, <see cref="Mitigation.ApplyTo"/>), the chosen model (the variation-aware one
/// for <c>vat</c>) is compiled and programmed with the trial's seed, optionally verified
/// (<see cref="ProgramAndVerify"/>) and calibrated (<see cref="SenseCalibration"/>), and the test images are run in
/// behavioral mode (Kirchhoff sums over the programmed devices) or circuit mode (every tile's exact transfer matrix
/// with wire resistance; with sinh devices every tile vector solved exactly, calibration included).
/// </summary>
public sealed class CrossbarTrialEvaluator : ITrialEvaluator
{
    private readonly BnnModel _model;
    private readonly BnnModel? _vatModel;
    private readonly DeviceSpec _spec;
    private readonly InferenceMode _mode;
    private readonly MnistSet _test;
    private readonly Func<MnistSet>? _calibrationSet;
    private readonly int _threads;
    private readonly bool _energy;
    private readonly object _gate = new();
    private MnistSet? _calibration;

    /// <summary>Creates the evaluator.</summary>
    /// <param name="model">The default model.</param>
    /// <param name="vatModel">The variation-aware-trained model, needed only by <c>vat</c>.</param>
    /// <param name="spec">The base device spec, before the swept value and the mitigation.</param>
    /// <param name="mode">Behavioral or circuit.</param>
    /// <param name="test">The images every trial classifies.</param>
    /// <param name="calibrationSet">Loads the training images for <c>calibrate</c> (on first use).</param>
    /// <param name="threads">Threads for each trial's inference (0 = all cores).</param>
    /// <param name="energy">Also meter every read and report the mean energy per image (<see cref="EnergyReport"/>).</param>
    public CrossbarTrialEvaluator(BnnModel model, BnnModel? vatModel, DeviceSpec spec, InferenceMode mode, MnistSet test,
        Func<MnistSet>? calibrationSet, int threads = 0, bool energy = false)
    {
        _energy = energy;
        _model = model;
        _vatModel = vatModel;
        _spec = spec.Validate();
        _mode = mode;
        _test = test;
        _calibrationSet = calibrationSet;
        _threads = threads;
        if (energy && mode == InferenceMode.Circuit && spec.Nonlinearity != Nonlinearity.Ohmic)
        {
            throw new BmcnnException("sweep --energy: circuit mode meters energy with ohmic devices only (for sinh use eval --energy)");
        }
    }

    /// <summary>The model trained with multiplicative weight noise, needed only by <c>vat-noise</c>.</summary>
    public BnnModel? NoiseModel { get; init; }

    /// <summary>
    /// Circuit mode: where tiles' transfer matrices are kept between trials (and between evaluators sharing it), or null
    /// to solve every tile of every trial. Same numbers either way.
    /// </summary>
    public TransferMatrixCache? TransferCache { get; init; }

    /// <summary>The device spec a trial programs.</summary>
    public DeviceSpec SpecFor(SweepPoint point) => point.Mitigation.ApplyTo(point.Parameter.ApplyTo(_spec, point.Value));

    /// <inheritdoc />
    public TrialOutcome Evaluate(SweepPoint point, CancellationToken cancellation)
    {
        var spec = SpecFor(point);
        var model = _model;
        if (point.Mitigation.UseVariationAwareModel)
        {
            model = _vatModel ?? throw new BmcnnException("--mitigation vat: no variation-aware model (give --vat-model FILE)");
        }
        else if (point.Mitigation.UseNoiseTrainedModel)
        {
            model = NoiseModel ?? throw new BmcnnException("--mitigation vat-noise: no noise-trained model (give --vat-noise-model FILE)");
        }
        var network = MappedNetwork.Program(model, spec, (ulong)point.Seed);
        cancellation.ThrowIfCancellationRequested();
        VerifyReport? verify = null;
        if (point.Mitigation.VerifyTolerance is { } tolerance)
        {
            verify = ProgramAndVerify.Apply(network, tolerance);
        }
        if (_mode == InferenceMode.Circuit && spec.Nonlinearity != Nonlinearity.Ohmic)
        {
            return EvaluateNonlinear(network, point.Mitigation, verify);
        }
        LayerPowerForms[]? forms = null;
        double[][] responses;
        if (_energy)
        {
            var pairs = network.Layers.Select(layer => _mode == InferenceMode.Circuit
                ? CircuitKernels.NeuronResponseAndPower(layer, spec, _threads, TransferCache)
                : (layer.NeuronConductances(), LayerPowerForms.Behavioral(layer, spec))).ToArray();
            responses = pairs.Select(p => p.Item1).ToArray();
            forms = pairs.Select(p => p.Item2).ToArray();
        }
        else
        {
            responses = network.Layers
                .Select(layer => _mode == InferenceMode.Circuit
                    ? CircuitKernels.NeuronResponse(layer, spec, _threads, TransferCache)
                    : layer.NeuronConductances())
                .ToArray();
        }
        cancellation.ThrowIfCancellationRequested();
        var modeName = _mode == InferenceMode.Circuit ? "circuit" : "behavioral";
        OutputCorrection? correction = null;
        if (point.Mitigation.CalibrationImages is { } images)
        {
            correction = SenseCalibration.Calibrate(network, responses, modeName, Calibration(), images, _threads);
        }
        IWeightedSumFactory kernels = new CalibratedKernels(network, responses, modeName, correction);
        var meter = forms is null ? null : new EnergyMeter(network.Layers.Count, spec.Periphery.ReadPulseWidth);
        if (meter is not null) kernels = new MeteredKernels(kernels, forms!, meter);
        var result = new InferencePipeline(network.Model, kernels, _threads).Evaluate(_test);
        double? energy = meter is null ? null : EnergyReport.From(network, meter).Total;
        return new TrialOutcome(result.Accuracy, verify?.ExtraPulses ?? 0, verify?.Devices ?? 0, energy);
    }

    /// <summary>
    /// Circuit mode with nonlinear devices: no response matrix exists, so every tile vector is solved by the circuit
    /// kernels, and calibration records the comparator margins and output readings from those same nonlinear solves.
    /// </summary>
    private TrialOutcome EvaluateNonlinear(MappedNetwork network, Mitigation mitigation, VerifyReport? verify)
    {
        IWeightedSumFactory Chip() => new CircuitKernels(network, _threads);
        OutputCorrection? correction = null;
        if (mitigation.CalibrationImages is { } images)
        {
            correction = SenseCalibration.Calibrate(network, Chip, Calibration(), images, _threads);
        }
        var result = new InferencePipeline(network.Model, new CorrectedKernels(Chip(), network, correction), _threads).Evaluate(_test);
        return new TrialOutcome(result.Accuracy, verify?.ExtraPulses ?? 0, verify?.Devices ?? 0, null);
    }

    private MnistSet Calibration()
    {
        if (_calibration is null)
        {
            lock (_gate)
            {
                _calibration ??= _calibrationSet?.Invoke()
                    ?? throw new BmcnnException("--mitigation calibrate: no training images to calibrate with");
            }
        }
        return _calibration;
    }
}
