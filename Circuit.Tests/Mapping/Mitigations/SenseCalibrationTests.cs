using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;
using Bmcnn.Mapping.Mitigations;
using Bmcnn.Network.Inference;
using Bmcnn.Tests.Study.Sweeps;

namespace Bmcnn.Tests.Mapping.Mitigations;

public class SenseCalibrationTests
{
    private static readonly DeviceSpec Spec = DevicePresets.Rram.Spec with { TileRows = 64, TileColumns = 32 };

    [Fact]
    public void When_margins_are_separable_Expect_shift_between_the_classes_or_zero()
    {
        // Ideal fires exactly for margins ≥ 2: the cut lies in (1, 2], midpoint 1.5.
        Assert.Equal(1.5, SenseCalibration.BestShift([-3f, 1f, 2f, 5f, 0.5f], [false, false, true, true, false]));
        // Already agreeing at δ = 0: unchanged.
        Assert.Equal(0, SenseCalibration.BestShift([-1f, 2f, -0.5f, 3f], [false, true, false, true]));
        // Ideal fires for margins ≤ −1 too, misplaced: best cut leaves one error; among ties, the nearest to 0 wins.
        Assert.Equal(0, SenseCalibration.BestShift([-2f, -1f, 1f, 2f], [true, false, true, true]));
        // Everything should fire: δ below every margin.
        Assert.True(SenseCalibration.BestShift([-3f, -2f], [true, true]) <= -3);
    }

    [Fact]
    public void When_line_is_fitted_Expect_gain_and_offset()
    {
        var (gain, offset) = SenseCalibration.FitLine([0f, 1f, 2f, 3f], [1f, 3f, 5f, 7f]);
        Assert.Equal(2, gain, 6);
        Assert.Equal(1, offset, 6);
    }

    [Fact]
    public void When_devices_are_ideal_Expect_calibration_to_change_nothing()
    {
        var model = StudyNetworks.Lenet(4);
        var images = StudyNetworks.Images(model, 40, 1);
        var network = MappedNetwork.Program(model, Spec, 3);
        var before = network.Layers.SelectMany(l => l.Amplifiers).ToArray();
        var responses = network.Layers.Select(l => l.NeuronConductances()).ToArray();
        var correction = SenseCalibration.Calibrate(network, responses, "behavioral", images, 40, 1);
        Assert.Equal(before, network.Layers.SelectMany(l => l.Amplifiers));
        Assert.All(correction.Gain, g => Assert.Equal(1, g, 4));
        var accuracy = new InferencePipeline(model, new CalibratedKernels(network, responses, "behavioral", correction), 1).Evaluate(images).Accuracy;
        Assert.Equal(1.0, accuracy);
    }

    [Fact]
    public void When_comparators_have_large_offsets_Expect_calibration_to_restore_agreement()
    {
        var model = StudyNetworks.Lenet(4);
        var calibration = StudyNetworks.Images(model, 64, 2);
        var test = StudyNetworks.Images(model, 200, 3);
        var spec = Spec with { OffsetSigma = 3 * Spec.VRead * (Spec.GOn - Spec.GOff) }; // 3 weight units of offset
        var network = MappedNetwork.Program(model, spec, 11);
        var responses = network.Layers.Select(l => l.NeuronConductances()).ToArray();
        var raw = new InferencePipeline(model, new CalibratedKernels(network, responses, "behavioral"), 1).Evaluate(test).Accuracy;
        var correction = SenseCalibration.Calibrate(network, responses, "behavioral", calibration, 64, 1);
        var calibrated = new InferencePipeline(model, new CalibratedKernels(network, responses, "behavioral", correction), 1).Evaluate(test).Accuracy;
        Assert.True(calibrated > raw + 0.1 && calibrated > 0.9, $"raw {raw}, calibrated {calibrated}");
    }
}
