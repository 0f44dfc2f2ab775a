using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Mapping.Compile;

public class FixedPointPeripheryTests
{
    private static readonly DeviceSpec Ideal = DevicePresets.Rram.Spec;

    [Fact]
    public void When_threshold_bits_are_set_Expect_references_on_a_fixed_point_grid_within_half_a_step()
    {
        var model = RandomNetworks.Lenet(2);
        var exact = MappedNetwork.Program(model, Ideal, 5);
        var coarse = MappedNetwork.Program(model, Ideal with { ThresholdBits = 4 }, 5);
        foreach (var (a, b) in exact.Layers.Zip(coarse.Layers).Where(p => !p.First.IsOutput))
        {
            var finite = Enumerable.Range(0, a.Amplifiers.Length).Where(n => !double.IsInfinity(a.Thresholds[n].Threshold)).ToArray();
            var range = finite.Max(n => Math.Abs(a.Amplifiers[n].ReferenceCurrent));
            var step = FixedPoint.Step(range, 4);
            foreach (var n in finite)
            {
                var q = b.Amplifiers[n].ReferenceCurrent;
                Assert.True(Math.Abs(q - a.Amplifiers[n].ReferenceCurrent) <= step / 2 * (1 + 1e-12), $"{a.Name} neuron {n}");
                Assert.Equal(Math.Round(q / step), q / step, 9);
            }
        }
    }

    [Fact]
    public void When_output_bits_are_set_Expect_output_affine_on_a_grid_and_hidden_norms_unchanged()
    {
        var model = RandomNetworks.Lenet(3);
        var quantized = MappedNetwork.Program(model, Ideal with { OutputBits = 3 }, 5).Model;
        var norm = model.Blocks[^1].Norm;
        var q = quantized.Blocks[^1].Norm;
        var scales = Enumerable.Range(0, norm.Features).Select(c => norm.Affine(c).Scale).ToArray();
        var step = FixedPoint.Step(scales.Max(Math.Abs), 3);
        for (var c = 0; c < norm.Features; c++)
        {
            var s = q.Affine(c).Scale;
            Assert.Equal(Math.Round(s / step), s / step, 5);
            Assert.True(Math.Abs(s - scales[c]) <= step / 2 * 1.0001);
        }
        Assert.Same(model.Blocks[0].Norm, quantized.Blocks[0].Norm);
        Assert.Same(model, MappedNetwork.Program(model, Ideal, 5).Model);
    }
}
