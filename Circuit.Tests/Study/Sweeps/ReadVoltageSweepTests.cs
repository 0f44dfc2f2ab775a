using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Tests.Study.Sweeps;

public class ReadVoltageSweepTests
{
    [Fact]
    public void When_read_voltage_halves_with_wires_and_no_periphery_Expect_a_quarter_of_the_energy_and_the_same_accuracy()
    {
        var model = StudyNetworks.Lenet(11);
        var test = StudyNetworks.Images(model, 12, 12);
        var spec = DevicePresets.Rram.Spec with
        {
            TileRows = 32,
            TileColumns = 16,
            RWireRow = 1,
            RWireColumn = 1,
            SigmaOn = 0.1,
            SigmaOff = 0.1,
            Periphery = new PeripherySpec { DriverEnergy = 0, SenseEnergy = 0, AdcEnergy = 0, PoolEnergy = 0, BatchNormEnergy = 0 },
        };
        var evaluator = new CrossbarTrialEvaluator(model, null, spec, InferenceMode.Circuit, test, null, 1, energy: true);
        // One seed for both points: the same programmed chip read at two voltages.
        var low = evaluator.Evaluate(new SweepPoint(0, SweepParameter.ReadVoltage, 0.1, Mitigation.None, 0, 5), default);
        var high = evaluator.Evaluate(new SweepPoint(1, SweepParameter.ReadVoltage, 0.2, Mitigation.None, 0, 5), default);
        // Ohmic array: every current scales with V, so power goes as V² and the sense decisions do not change.
        Assert.Equal(high.Accuracy, low.Accuracy);
        Assert.True(high.EnergyJ > 0);
        Assert.Equal(0.25, low.EnergyJ!.Value / high.EnergyJ!.Value, 9);
    }
}
