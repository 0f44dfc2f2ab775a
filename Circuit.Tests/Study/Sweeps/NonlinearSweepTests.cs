using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Study.Sweeps;
using Bmcnn.Tests.Mapping.Mitigations;

namespace Bmcnn.Tests.Study.Sweeps;

public class NonlinearSweepTests
{
    private static readonly DeviceSpec Wired = NonlinearCalibrationTests.Base with { RWireRow = 2, RWireColumn = 2 };

    [Fact]
    public void When_sinh_law_is_nearly_ohmic_Expect_circuit_sweep_with_calibration_to_match_the_ohmic_chip()
    {
        var model = StudyNetworks.Lenet(14);
        var test = StudyNetworks.Images(model, 60, 15);
        var train = StudyNetworks.Images(model, 48, 16);
        // V0 ≫ v_read: sinh(v/V0) is linear to 1e-6, so the nonlinear solves must reproduce the transfer matrices.
        var sinh = new CrossbarTrialEvaluator(model, null, Wired with { Nonlinearity = Nonlinearity.Sinh, V0 = 200 }, InferenceMode.Circuit,
            test, () => train, 1);
        var ohmic = new CrossbarTrialEvaluator(model, null, Wired, InferenceMode.Circuit, test, () => train, 1);
        var calibrate = Mitigation.Parse("calibrate:48");
        var none = sinh.Evaluate(new SweepPoint(0, SweepParameter.Sigma, 0.3, Mitigation.None, 0, 3), default);
        var calibrated = sinh.Evaluate(new SweepPoint(1, SweepParameter.Sigma, 0.3, calibrate, 0, 3), default);
        var expected = ohmic.Evaluate(new SweepPoint(1, SweepParameter.Sigma, 0.3, calibrate, 0, 3), default);
        Assert.Equal(expected.Accuracy, calibrated.Accuracy);
        Assert.True(calibrated.Accuracy > none.Accuracy + 0.1, $"none {none.Accuracy}, calibrate {calibrated.Accuracy}");
    }

    [Fact]
    public void When_sinh_circuit_sweep_asks_for_energy_Expect_one_line_refusal()
    {
        var model = StudyNetworks.Lenet(14);
        var test = StudyNetworks.Images(model, 4, 15);
        var e = Assert.Throws<BmcnnException>(() => new CrossbarTrialEvaluator(model, null, Wired with { Nonlinearity = Nonlinearity.Sinh },
            InferenceMode.Circuit, test, null, 1, energy: true));
        Assert.Contains("--energy", e.Message);
    }
}
