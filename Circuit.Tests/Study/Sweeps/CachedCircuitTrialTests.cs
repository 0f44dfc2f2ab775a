using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Tests.Study.Sweeps;

public class CachedCircuitTrialTests
{
    [Fact]
    public void When_circuit_trials_share_a_transfer_cache_Expect_the_uncached_accuracy_and_energy()
    {
        var model = StudyNetworks.Lenet(11);
        var test = StudyNetworks.Images(model, 24, 12);
        var train = StudyNetworks.Images(model, 16, 13);
        var spec = DevicePresets.Rram.Spec with { TileRows = 32, TileColumns = 16, RWireRow = 5, RWireColumn = 5 };
        var cache = new TransferMatrixCache();
        var mitigations = Mitigation.ParseList("none,calibrate:16");
        foreach (var energy in new[] { false, true })
        {
            var plain = new CrossbarTrialEvaluator(model, null, spec, InferenceMode.Circuit, test, () => train, 1, energy);
            var cached = new CrossbarTrialEvaluator(model, null, spec, InferenceMode.Circuit, test, () => train, 2, energy) { TransferCache = cache };
            foreach (var mitigation in mitigations)
            {
                foreach (var wire in new[] { 5.0, 20.0 })
                {
                    var point = new SweepPoint(0, SweepParameter.WireResistance, wire, mitigation, 0, 7);
                    var expected = plain.Evaluate(point, default);
                    var actual = cached.Evaluate(point, default);
                    Assert.Equal(expected.Accuracy, actual.Accuracy);
                    Assert.Equal(expected.EnergyJ, actual.EnergyJ);
                }
            }
        }
        // calibrate programs the chip that none did: its solves are hits.
        Assert.True(cache.Hits > 0);
    }
}
