using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Mapping.Compile;

public class MappedNetworkTests
{
    private static readonly DeviceSpec Ideal = DevicePresets.TiO2MemTorch.Spec;

    [Theory]
    [InlineData(WeightScheme.Differential, 1)]
    [InlineData(WeightScheme.Reference, 1)]
    [InlineData(WeightScheme.Differential, 3)]
    [InlineData(WeightScheme.Reference, 2)]
    public void When_devices_are_ideal_Expect_neuron_conductance_equal_unit_times_signed_weight(WeightScheme scheme, int k)
    {
        var model = RandomNetworks.Lenet(1);
        var spec = Ideal with { Scheme = scheme, Redundancy = k, TileRows = 40, TileColumns = 12 };
        var network = MappedNetwork.Program(model, spec, 7);
        foreach (var layer in network.Layers)
        {
            var w = layer.NeuronConductances();
            var unitConductance = layer.UnitCurrent / spec.VRead;
            Assert.Equal(k * (1 / 100.0 - 1 / 16e3) * (scheme == WeightScheme.Differential ? 1 : 0.5), unitConductance, 15);
            for (var n = 0; n < layer.Plan.Neurons; n++)
            {
                var flip = layer.IsOutput || !layer.Thresholds[n].Inverted ? 1 : -1;
                for (var i = 0; i < layer.Plan.Rows; i++)
                {
                    var expected = flip * layer.Block.Weighted.Weight(i, n) * unitConductance;
                    Assert.True(Math.Abs(w[i * layer.Plan.Neurons + n] - expected) <= 1e-12 * unitConductance, $"{layer.Name} [{i},{n}]");
                }
            }
        }
    }

    [Fact]
    public void When_programmed_twice_with_a_seed_Expect_identical_devices_and_other_seed_differs()
    {
        var model = RandomNetworks.Lenet(2);
        var spec = Ideal with { SigmaOn = 0.2, SigmaOff = 0.2, StuckOn = 0.01, OffsetSigma = 1e-6, TileRows = 64, TileColumns = 16 };
        var a = MappedNetwork.Program(model, spec, 11);
        var b = MappedNetwork.Program(model, spec, 11);
        var c = MappedNetwork.Program(model, spec, 12);
        for (var l = 0; l < a.Layers.Count; l++)
        {
            for (var t = 0; t < a.Layers[l].Tiles.Count; t++)
            {
                Assert.Equal(a.Layers[l].Tiles[t].Conductances, b.Layers[l].Tiles[t].Conductances);
                Assert.NotEqual(a.Layers[l].Tiles[t].Conductances, c.Layers[l].Tiles[t].Conductances);
            }
            Assert.Equal(a.Layers[l].Amplifiers, b.Layers[l].Amplifiers);
        }
        Assert.NotEqual(a.Layers[0].Amplifiers, c.Layers[0].Amplifiers);
    }

    [Fact]
    public void When_threshold_is_folded_Expect_boundary_halfway_between_sum_levels()
    {
        // Fires when s ≥ 2.3 with integer sums: the smallest firing sum is 3, the boundary 2.5.
        Assert.Equal(2.5, MappedLayer.Boundary(new Bmcnn.Network.Inference.SenseThreshold(2.3, false), 1.0), 12);
        // Exactly on a level: s ≥ 3 fires at 3.
        Assert.Equal(2.5, MappedLayer.Boundary(new Bmcnn.Network.Inference.SenseThreshold(3.0, false), 1.0), 12);
        // Inverted: fires when s ≤ 3 ⇔ −s ≥ −3: boundary on −s is −3.5.
        Assert.Equal(-3.5, MappedLayer.Boundary(new Bmcnn.Network.Inference.SenseThreshold(3.0, true), 1.0), 12);
        Assert.Equal((Math.Ceiling(0.1 * 255) - 0.5) / 255, MappedLayer.Boundary(new Bmcnn.Network.Inference.SenseThreshold(0.1, false), 1 / 255.0), 12);
    }

    [Fact]
    public void When_tiles_cannot_hold_a_kernel_Expect_refusal_before_programming()
    {
        var model = RandomNetworks.Lenet(3);
        var ex = Assert.Throws<BmcnnException>(() => MappedNetwork.Program(model, Ideal with { TileRows = 10 }, 1));
        Assert.Contains("tileRows", ex.Message);
    }
}
