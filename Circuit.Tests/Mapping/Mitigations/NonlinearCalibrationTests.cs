using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Mapping.Mitigations;
using Bmcnn.Network.Inference;
using Bmcnn.Tests.Study.Sweeps;

namespace Bmcnn.Tests.Mapping.Mitigations;

/// <summary>Sense calibration read through any chip's kernels, checked against the response-matrix calibration.</summary>
public class NonlinearCalibrationTests
{
    /// <summary>A small-tile chip with variation and comparator offsets of 3 weight units, which calibration must fix.</summary>
    internal static readonly DeviceSpec Base = DevicePresets.Rram.Spec with
    {
        TileRows = 40,
        TileColumns = 16,
        SigmaOn = 0.3,
        SigmaOff = 0.3,
        OffsetSigma = 3 * DevicePresets.Rram.Spec.VRead * (DevicePresets.Rram.Spec.GOn - DevicePresets.Rram.Spec.GOff),
    };

    [Fact]
    public void When_ohmic_chip_is_read_through_circuit_kernels_Expect_the_transfer_matrix_calibration_exactly()
    {
        var model = StudyNetworks.Lenet(5);
        var calibration = StudyNetworks.Images(model, 24, 6);
        var spec = Base with { RWireRow = 2, RWireColumn = 2 };
        var byMatrix = MappedNetwork.Program(model, spec, 7);
        var byKernels = MappedNetwork.Program(model, spec, 7);
        var responses = byMatrix.Layers.Select(l => CircuitKernels.NeuronResponse(l, spec, 1)).ToArray();
        var expected = SenseCalibration.Calibrate(byMatrix, responses, "circuit", calibration, 24, 1);
        var actual = SenseCalibration.Calibrate(byKernels, () => new CircuitKernels(byKernels, 1), calibration, 24, 1);
        Assert.Equal(byMatrix.Layers.SelectMany(l => l.Amplifiers), byKernels.Layers.SelectMany(l => l.Amplifiers));
        Assert.Equal(expected.Gain, actual.Gain);
        Assert.Equal(expected.Offset, actual.Offset);
    }

    [Fact]
    public void When_sinh_chip_has_ideal_wires_Expect_nonlinear_calibration_to_match_the_behavioral_sinh_law()
    {
        var model = StudyNetworks.Lenet(8);
        var calibration = StudyNetworks.Images(model, 32, 9);
        var test = StudyNetworks.Images(model, 60, 10);
        var spec = Base with { Nonlinearity = Nonlinearity.Sinh, V0 = 0.1 };
        var behavioral = MappedNetwork.Program(model, spec, 12);
        var circuit = MappedNetwork.Program(model, spec, 12);
        var designed = circuit.Layers.SelectMany(l => l.Amplifiers).ToArray();
        var raw = new InferencePipeline(model, new CircuitKernels(circuit, 1), 1).Evaluate(test).Accuracy;

        // Ideal wires: each device sees its row voltage, so the behavioral kernel with the sinh input law is exact.
        var conductances = behavioral.Layers.Select(l => l.NeuronConductances()).ToArray();
        var expected = SenseCalibration.Calibrate(behavioral, conductances, "behavioral", calibration, 32, 1);
        var actual = SenseCalibration.Calibrate(circuit, () => new CircuitKernels(circuit, 1), calibration, 32, 1);

        var unit = circuit.Layers[0].UnitCurrent;
        var references = circuit.Layers.SelectMany(l => l.Amplifiers).Select(a => a.ReferenceCurrent).ToArray();
        var reference = behavioral.Layers.SelectMany(l => l.Amplifiers).Select(a => a.ReferenceCurrent).ToArray();
        Assert.NotEqual(designed.Select(a => a.ReferenceCurrent), references); // the offsets did move the references
        // Both paths hand the fit float32 pipeline values (sums of tens of units), so they agree to float rounding.
        for (var i = 0; i < references.Length; i++)
        {
            Assert.True(Math.Abs(references[i] - reference[i]) <= 1e-4 * unit, $"amplifier {i}: {references[i]:R} vs {reference[i]:R}");
        }
        for (var c = 0; c < expected.Gain.Length; c++)
        {
            Assert.Equal(expected.Gain[c], actual.Gain[c], 5);
            Assert.Equal(expected.Offset[c], actual.Offset[c], 4);
        }
        var calibrated = new InferencePipeline(model, new CorrectedKernels(new CircuitKernels(circuit, 1), circuit, actual), 1).Evaluate(test);
        var law = new InferencePipeline(model, new CalibratedKernels(behavioral, conductances, "behavioral", expected), 1).Evaluate(test);
        Assert.Equal(law.Predictions, calibrated.Predictions);
        Assert.True(calibrated.Accuracy > raw + 0.1, $"raw {raw}, calibrated {calibrated.Accuracy}");
    }
}
