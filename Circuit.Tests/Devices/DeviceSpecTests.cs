using Bmcnn.Circuit;
using Bmcnn.Devices;

namespace Bmcnn.Tests.Devices;

public class DeviceSpecTests
{
    [Fact]
    public void When_presets_are_listed_Expect_each_valid_with_a_source()
    {
        foreach (var preset in DevicePresets.All)
        {
            preset.Spec.Validate();
            Assert.False(string.IsNullOrWhiteSpace(preset.Source));
            Assert.Equal(preset.Name, preset.Spec.Name);
        }
        Assert.Equal(100, DevicePresets.Get("tio2-memtorch").Spec.ROn);
        Assert.Equal(16e3, DevicePresets.Get("TiO2-MemTorch").Spec.ROff);
        Assert.Equal(10e3, DevicePresets.Get("rram").Spec.ROn);
        Assert.Equal(100e3, DevicePresets.Get("rram").Spec.ROff);
    }

    [Fact]
    public void When_file_names_a_preset_and_overrides_Expect_overrides_on_preset_values()
    {
        var spec = DeviceSpecFile.Parse("""
            { "preset": "rram", "sigmaOn": 0.2, "distribution": "lognormal", "scheme": "reference",
              "termination": "sense-resistor", "rSense": 50, "nonlinearity": "sinh", "tileRows": 64, // comment
            }
            """);
        Assert.Equal(10e3, spec.ROn);
        Assert.Equal(100e3, spec.ROff);
        Assert.Equal(0.2, spec.SigmaOn);
        Assert.Equal(VariationDistribution.Lognormal, spec.Distribution);
        Assert.Equal(WeightScheme.Reference, spec.Scheme);
        Assert.Equal(Termination.SenseResistor, spec.Termination);
        Assert.Equal(Nonlinearity.Sinh, spec.Nonlinearity);
        Assert.Equal(64, spec.TileRows);
        Assert.Equal(128, spec.TileColumns);
    }

    [Fact]
    public void When_spec_is_written_and_read_back_Expect_equal_spec()
    {
        var spec = DevicePresets.RramWires.Spec with { SigmaOff = 0.3, StuckOn = 0.01, Redundancy = 3, AdcBits = 6 };
        var back = DeviceSpecFile.Parse(DeviceSpecFile.ToJson(spec));
        Assert.Equal(spec, back);
        Assert.Contains("\"scheme\": \"differential\"", DeviceSpecFile.ToJson(spec));
    }

    [Theory]
    [InlineData("""{ "rOn": -5 }""", "rOn")]
    [InlineData("""{ "rOn": 0 }""", "rOn")]
    [InlineData("""{ "rOff": 0 }""", "rOff")]
    [InlineData("""{ "rOn": 1000, "rOff": 1000 }""", "rOff")]
    [InlineData("""{ "rOn": 2000, "rOff": 1000 }""", "rOff")]
    [InlineData("""{ "sigmaOn": -0.1 }""", "sigmaOn")]
    [InlineData("""{ "sigmaOff": -1 }""", "sigmaOff")]
    [InlineData("""{ "stuckOn": 1.5 }""", "stuckOn")]
    [InlineData("""{ "stuckOff": -0.01 }""", "stuckOff")]
    [InlineData("""{ "stuckOn": 0.6, "stuckOff": 0.6 }""", "stuckOff")]
    [InlineData("""{ "readNoiseSigma": -0.1 }""", "readNoiseSigma")]
    [InlineData("""{ "vRead": 0 }""", "vRead")]
    [InlineData("""{ "rWireRow": -1 }""", "rWireRow")]
    [InlineData("""{ "offsetSigma": -1e-6 }""", "offsetSigma")]
    [InlineData("""{ "redundancy": 0 }""", "redundancy")]
    [InlineData("""{ "tileRows": 0 }""", "tileRows")]
    [InlineData("""{ "termination": "sense-resistor", "rSense": 0 }""", "rSense")]
    [InlineData("""{ "scheme": "quadruple" }""", "scheme")]
    [InlineData("""{ "rOnn": 5 }""", "rOnn")]
    [InlineData("""{ "rOn": "big" }""", "rOn")]
    [InlineData("""{ "preset": "unobtainium" }""", "unobtainium")]
    public void When_spec_is_impossible_Expect_one_line_error_naming_the_field(string json, string field)
    {
        var ex = Assert.Throws<BmcnnException>(() => DeviceSpecFile.Parse(json, "bad.json"));
        Assert.Contains(field, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void When_validation_fails_Expect_message_with_field_and_value()
    {
        var ex = Assert.Throws<BmcnnException>(() => (DevicePresets.Rram.Spec with { ROff = 5e3 }).Validate());
        Assert.Equal("device spec: field 'rOff' (5000) must be greater than rOn (10000)", ex.Message);
    }

    [Fact]
    public void When_file_is_missing_Expect_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => DeviceSpecFile.Load("/no/such/spec.json"));
    }

    [Fact]
    public void When_spec_is_saved_Expect_file_loads_to_same_values()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bmcnn-spec-{Guid.NewGuid():N}.json");
        try
        {
            var spec = DevicePresets.TiO2MemTorch.Spec with { SigmaOn = 0.5, Distribution = VariationDistribution.Lognormal };
            DeviceSpecFile.Save(spec, path);
            var back = DeviceSpecFile.Load(path);
            Assert.Equal(spec with { Name = back.Name }, back);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
