using Bmcnn.Devices;
using Bmcnn.Mapping.Mitigations;

namespace Bmcnn.Tests.Mapping.Mitigations;

public class DeviceAwareWeightsTests
{
    private static float[] Signs(int n) => Enumerable.Range(0, n).Select(i => i % 3 == 0 ? -1f : 1f).ToArray();

    [Fact]
    public void When_devices_are_ideal_Expect_effective_weights_equal_signs()
    {
        var w = Signs(600);
        new DeviceAwareWeights(DevicePresets.Rram.Spec, 1).Perturb(0, 20, 30, w, 0);
        Assert.Equal(Signs(600), w);
        var reference = Signs(600);
        new DeviceAwareWeights(DevicePresets.Rram.Spec with { Scheme = WeightScheme.Reference, Redundancy = 2 }, 1)
            .Perturb(0, 20, 30, reference, 0);
        Assert.Equal(Signs(600).Select(v => (double)v), reference.Select(v => (double)v), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void When_lognormal_Expect_mean_of_effective_weight_one_plus_sigma_squared()
    {
        // E[1/R] = (1 + σ²)/R for a lognormal R of mean R: the pair's mean difference scales by (1 + σ²).
        var w = Enumerable.Repeat(1f, 100_000).ToArray();
        new DeviceAwareWeights(DevicePresets.Rram.Spec with { SigmaOn = 0.3, SigmaOff = 0.3 }, 4).Perturb(1, 1000, 100, w, 7);
        Assert.InRange(w.Average(v => (double)v), 1.09 * 0.99, 1.09 * 1.01);
        Assert.True(w.Distinct().Count() > 1000);
    }

    [Fact]
    public void When_stuck_faults_Expect_zero_weights_where_both_devices_agree()
    {
        var w = Enumerable.Repeat(-1f, 20_000).ToArray();
        new DeviceAwareWeights(DevicePresets.Rram.Spec with { StuckOn = 0.5, StuckOff = 0.5 }, 4).Perturb(0, 100, 200, w, 0);
        // Every device is stuck: a quarter of the pairs are (ON, OFF) = +1, half agree = 0, a quarter (OFF, ON) = −1.
        Assert.InRange(w.Count(v => v == 0) / 20_000.0, 0.48, 0.52);
        Assert.InRange(w.Count(v => v == 1) / 20_000.0, 0.23, 0.27);
    }

    [Fact]
    public void When_drawn_twice_with_same_step_Expect_same_weights_any_thread_count_and_other_step_differs()
    {
        var spec = DevicePresets.Rram.Spec with { SigmaOn = 0.4, SigmaOff = 0.4, Distribution = VariationDistribution.Empirical };
        float[] Run(int threads, long step)
        {
            var w = Signs(64 * 50);
            new DeviceAwareWeights(spec, 9, threads).Perturb(2, 64, 50, w, step);
            return w;
        }
        Assert.Equal(Run(1, 3), Run(4, 3));
        Assert.NotEqual(Run(1, 3), Run(1, 4));
    }
}
