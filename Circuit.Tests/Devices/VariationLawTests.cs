using Bmcnn.Circuit;
using Bmcnn.Devices;

namespace Bmcnn.Tests.Devices;

public class VariationLawTests
{
    private const int Draws = 200_000;

    private static double[] Draw(DeviceSpec spec, bool on, ulong seed = 3)
    {
        var sampler = new DeviceSampler(spec);
        var random = new RandomStream(seed);
        var r = new double[Draws];
        for (var i = 0; i < Draws; i++) r[i] = sampler.Resistance(on, ref random);
        return r;
    }

    private static (double Mean, double Cv) Stats(IEnumerable<double> x)
    {
        var a = x.ToArray();
        var mean = a.Average();
        return (mean, Math.Sqrt(a.Sum(v => (v - mean) * (v - mean)) / a.Length) / mean);
    }

    [Fact]
    public void When_spec_has_no_distribution_Expect_lognormal_default()
    {
        Assert.Equal(VariationDistribution.Lognormal, new DeviceSpec().Distribution);
        Assert.Equal(VariationDistribution.Lognormal, DeviceSpecFile.Parse("""{ "preset": "rram", "sigmaOn": 0.2 }""").Distribution);
        // Files written before the other laws existed keep loading with their own law.
        Assert.Equal(VariationDistribution.Gaussian, DeviceSpecFile.Parse("""{ "distribution": "gaussian" }""").Distribution);
    }

    [Fact]
    public void When_gaussian_conductance_Expect_conductance_mean_nominal_and_cv_sigma()
    {
        var spec = DevicePresets.Rram.Spec with { SigmaOn = 0.2, Distribution = VariationDistribution.GaussianConductance };
        var (mean, cv) = Stats(Draw(spec, on: true).Select(r => 1 / r));
        Assert.InRange(mean * 10e3, 0.995, 1.005);
        Assert.InRange(cv, 0.196, 0.204);
    }

    [Fact]
    public void When_gaussian_conductance_is_wide_Expect_floor_bounds_resistance()
    {
        var spec = DevicePresets.Rram.Spec with { SigmaOff = 1.0, Distribution = VariationDistribution.GaussianConductance };
        var r = Draw(spec, on: false);
        Assert.Equal(100e3 / DeviceSampler.ConductanceFloor, r.Max(), 6);
        Assert.True(r.Min() > 0);
        // About Φ(−1) of the draws hit the floor.
        Assert.InRange(r.Count(v => v == r.Max()) / (double)Draws, 0.15, 0.17);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void When_empirical_Expect_nominal_mean_and_cv_sigma(double sigma)
    {
        var spec = DevicePresets.Rram.Spec with { SigmaOn = sigma, SigmaOff = sigma, Distribution = VariationDistribution.Empirical };
        foreach (var on in new[] { true, false })
        {
            var (mean, cv) = Stats(Draw(spec, on));
            Assert.InRange(mean / (on ? 10e3 : 100e3), 0.98, 1.02);
            Assert.InRange(cv / sigma, 0.96, 1.04);
        }
    }

    [Fact]
    public void When_empirical_sigma_is_zero_Expect_nominal_devices()
    {
        var spec = DevicePresets.Rram.Spec with { Distribution = VariationDistribution.Empirical };
        Assert.All(Draw(spec, true).Take(100), r => Assert.Equal(10e3, r, 9));
    }

    [Fact]
    public void When_empirical_shape_is_rescaled_Expect_order_of_samples_kept()
    {
        var data = EmpiricalResistances.Load(null);
        var shape = data.Shape(false, 0.3);
        var order = Enumerable.Range(0, data.Off.Count).OrderBy(i => data.Off[i]).ToArray();
        for (var i = 1; i < order.Length; i++) Assert.True(shape[order[i]] >= shape[order[i - 1]]);
        Assert.InRange(data.NativeCv(true), 0.05, 1);
    }

    [Theory]
    [InlineData("state,resistance\non,1e4\non,abc\noff,1e5\noff,2e5\n", "m.csv: line 3: resistance 'abc'")]
    [InlineData("on,1e4\non,-5\noff,1e5\noff,2e5\n", "m.csv: line 2: resistance '-5'")]
    [InlineData("on,1e4\nmid,1e4\n", "m.csv: line 2: state 'mid'")]
    [InlineData("# c\non,1e4,3\n", "m.csv: line 2: expected 'state,resistance'")]
    [InlineData("on,1e4\non,2e4\noff,1e5\n", "m.csv: needs at least two resistances per state (has 2 on, 1 off)")]
    public void When_empirical_file_is_malformed_Expect_one_line_naming_file_and_line(string text, string message)
    {
        var ex = Assert.Throws<BmcnnException>(() => EmpiricalResistances.Parse(text, "m.csv"));
        Assert.StartsWith(message, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void When_spec_names_an_empirical_file_Expect_path_relative_to_spec_and_errors_naming_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"bmcnn-emp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "d.csv"), "on,9000\non,11000\noff,90000\noff,110000\n");
            File.WriteAllText(Path.Combine(folder, "bad.csv"), "on,9000\non,x\noff,90000\noff,110000\n");
            File.WriteAllText(Path.Combine(folder, "s.json"), """{ "distribution": "empirical", "empiricalFile": "d.csv", "sigmaOn": 0.1 }""");
            File.WriteAllText(Path.Combine(folder, "b.json"), """{ "distribution": "empirical", "empiricalFile": "bad.csv" }""");
            File.WriteAllText(Path.Combine(folder, "w.json"), """{ "distribution": "empirical", "empiricalFile": "d.csv", "sigmaOn": 5 }""");
            var spec = DeviceSpecFile.Load(Path.Combine(folder, "s.json"));
            Assert.Equal(Path.Combine(folder, "d.csv"), spec.EmpiricalFile);
            var ex = Assert.Throws<BmcnnException>(() => DeviceSpecFile.Load(Path.Combine(folder, "b.json")));
            Assert.Contains("bad.csv: line 2:", ex.Message);
            // Two distinct values per state cannot spread wider than a CV of 1.
            ex = Assert.Throws<BmcnnException>(() => DeviceSpecFile.Load(Path.Combine(folder, "w.json")));
            Assert.Contains("field 'sigmaOn'", ex.Message);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Theory]
    [InlineData("""{ "thresholdBits": 1 }""", "thresholdBits")]
    [InlineData("""{ "thresholdBits": 25 }""", "thresholdBits")]
    [InlineData("""{ "outputBits": -2 }""", "outputBits")]
    [InlineData("""{ "distribution": "uniform" }""", "distribution")]
    [InlineData("""{ "distribution": "empirical", "empiricalFile": "" }""", "empiricalFile")]
    [InlineData("""{ "distribution": "empirical", "empiricalFile": "/no/such.csv" }""", "empiricalFile")]
    [InlineData("""{ "distribution": "empirical", "sigmaOff": 500 }""", "sigmaOff")]
    public void When_new_field_is_impossible_Expect_error_naming_it(string json, string field)
    {
        var ex = Assert.Throws<BmcnnException>(() => DeviceSpecFile.Parse(json, "bad.json"));
        Assert.Contains($"'{field}'", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void When_values_are_quantized_Expect_signed_fixed_point_over_their_range()
    {
        double[] v = [1.0, -0.5, 0.26, double.PositiveInfinity];
        FixedPoint.Quantize(v, 3); // step 1/3
        Assert.Equal([1.0, -2.0 / 3, 1.0 / 3, double.PositiveInfinity], v);
        double[] same = [0.3, -0.7];
        FixedPoint.Quantize(same, 0);
        Assert.Equal([0.3, -0.7], same);
    }
}
