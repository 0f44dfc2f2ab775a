using Bmcnn.Circuit;
using Bmcnn.Devices;

namespace Bmcnn.Tests.Devices;

public class DeviceSamplerTests
{
    private const int Draws = 200_000;

    private static (double Mean, double Std, double Min) Moments(DeviceSpec spec, bool on, ulong seed = 1)
    {
        var sampler = new DeviceSampler(spec);
        var random = new RandomStream(seed);
        double sum = 0, sum2 = 0, min = double.MaxValue;
        for (var i = 0; i < Draws; i++)
        {
            var r = sampler.Resistance(on, ref random);
            sum += r;
            sum2 += r * r;
            min = Math.Min(min, r);
        }
        var mean = sum / Draws;
        return (mean, Math.Sqrt(sum2 / Draws - mean * mean), min);
    }

    [Fact]
    public void When_gaussian_sigma_is_small_Expect_mean_and_std_of_the_spec()
    {
        var spec = DevicePresets.Rram.Spec with { SigmaOn = 0.1, SigmaOff = 0.2 };
        var on = Moments(spec, on: true);
        var off = Moments(spec, on: false);
        // Standard error of the mean: σR/√n ≈ 2.2 Ω for ON; allow 5 standard errors.
        Assert.InRange(on.Mean, 10e3 - 5 * 1e3 / Math.Sqrt(Draws), 10e3 + 5 * 1e3 / Math.Sqrt(Draws));
        Assert.InRange(on.Std / 1e3, 0.99, 1.01);
        Assert.InRange(off.Mean, 100e3 - 5 * 20e3 / Math.Sqrt(Draws), 100e3 + 5 * 20e3 / Math.Sqrt(Draws));
        Assert.InRange(off.Std / 20e3, 0.99, 1.01);
    }

    [Fact]
    public void When_gaussian_sigma_is_one_Expect_positive_values_with_truncated_normal_mean()
    {
        var spec = DevicePresets.Rram.Spec with { SigmaOn = 1.0, Distribution = VariationDistribution.Gaussian };
        var on = Moments(spec, on: true);
        Assert.True(on.Min > 0);
        // X = 1 + Z truncated to X > 0: E[X] = 1 + φ(1)/Φ(1) = 1.287600, Var = 1 − φ(1)/Φ(1)·(φ(1)/Φ(1) − 1)... use the mean.
        var phi = Math.Exp(-0.5) / Math.Sqrt(2 * Math.PI);
        var cdf = 0.841344746068543;
        var expected = 10e3 * (1 + phi / cdf);
        Assert.InRange(on.Mean / expected, 0.995, 1.005);
    }

    [Fact]
    public void When_lognormal_Expect_nominal_mean_and_relative_std()
    {
        var spec = DevicePresets.TiO2MemTorch.Spec with { SigmaOff = 0.5, Distribution = VariationDistribution.Lognormal };
        var off = Moments(spec, on: false);
        Assert.True(off.Min > 0);
        Assert.InRange(off.Mean / 16e3, 0.995, 1.005);
        Assert.InRange(off.Std / (0.5 * 16e3), 0.97, 1.03);
    }

    [Fact]
    public void When_sigma_is_zero_Expect_exactly_nominal_resistances()
    {
        var sampler = new DeviceSampler(DevicePresets.TiO2MemTorch.Spec);
        var random = new RandomStream(3);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(100, sampler.Resistance(true, ref random));
            Assert.Equal(16e3, sampler.Resistance(false, ref random));
        }
    }

    [Fact]
    public void When_stuck_fractions_are_set_Expect_those_fractions_of_devices_stuck()
    {
        var spec = DevicePresets.Rram.Spec with { StuckOn = 0.1, StuckOff = 0.05 };
        var sampler = new DeviceSampler(spec);
        var random = new RandomStream(11);
        int onWhenOff = 0, offWhenOn = 0;
        for (var i = 0; i < Draws; i++)
        {
            if (sampler.Resistance(false, ref random) == spec.ROn) onWhenOff++;
            if (sampler.Resistance(true, ref random) == spec.ROff) offWhenOn++;
        }
        // Binomial standard deviations: √(n p (1−p)) ≈ 134 and 97; allow 5 of them.
        Assert.InRange(onWhenOff, 0.1 * Draws - 5 * 134, 0.1 * Draws + 5 * 134);
        Assert.InRange(offWhenOn, 0.05 * Draws - 5 * 97, 0.05 * Draws + 5 * 97);
    }

    [Fact]
    public void When_cells_are_redundant_Expect_k_parallel_conductances()
    {
        var spec = DevicePresets.Rram.Spec with { Redundancy = 3 };
        var sampler = new DeviceSampler(spec);
        var random = new RandomStream(5);
        var g = new double[2];
        sampler.Program(new[] { true, false }, g, ref random);
        Assert.Equal(3 / 10e3, g[0], 15);
        Assert.Equal(3 / 100e3, g[1], 15);
    }

    [Fact]
    public void When_same_seed_and_keys_Expect_same_devices_and_other_keys_differ()
    {
        var spec = DevicePresets.Rram.Spec with { SigmaOn = 0.3, SigmaOff = 0.3, StuckOn = 0.01 };
        double[] Draw(ulong seed, long layer, long tile)
        {
            var sampler = new DeviceSampler(spec);
            var random = RandomStream.For(seed, layer, tile);
            var states = Enumerable.Range(0, 512).Select(i => i % 3 == 0).ToArray();
            var g = new double[states.Length];
            sampler.Program(states, g, ref random);
            return g;
        }
        Assert.Equal(Draw(42, 1, 7), Draw(42, 1, 7));
        Assert.NotEqual(Draw(42, 1, 7), Draw(42, 1, 8));
        Assert.NotEqual(Draw(42, 1, 7), Draw(42, 2, 7));
        Assert.NotEqual(Draw(42, 1, 7), Draw(43, 1, 7));
    }

    [Fact]
    public void When_tiles_are_programmed_in_parallel_Expect_same_result_as_sequential()
    {
        var sampler = new DeviceSampler(DevicePresets.Rram.Spec with { SigmaOn = 0.5, SigmaOff = 0.5 });
        var states = Enumerable.Range(0, 1000).Select(i => (i * 7919) % 5 < 2).ToArray();
        double[] Program(int tile)
        {
            var random = RandomStream.For(9, 0, tile);
            var g = new double[states.Length];
            sampler.Program(states, g, ref random);
            return g;
        }
        var sequential = Enumerable.Range(0, 32).Select(Program).ToArray();
        var parallel = new double[32][];
        Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t => parallel[31 - t] = Program(31 - t));
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void When_random_stream_draws_gaussians_Expect_standard_normal_moments()
    {
        var random = new RandomStream(123);
        double sum = 0, sum2 = 0, sum4 = 0;
        for (var i = 0; i < Draws; i++)
        {
            var z = random.NextGaussian();
            sum += z;
            sum2 += z * z;
            sum4 += z * z * z * z;
        }
        Assert.InRange(sum / Draws, -0.012, 0.012);
        Assert.InRange(sum2 / Draws, 0.985, 1.015);
        Assert.InRange(sum4 / Draws, 2.9, 3.1);
    }
}
