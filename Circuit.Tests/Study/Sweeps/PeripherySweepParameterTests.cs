using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Tests.Study.Sweeps;

public class PeripherySweepParameterTests
{
    private static readonly DeviceSpec Base = DevicePresets.RramWires.Spec;

    [Fact]
    public void When_new_parameters_are_applied_Expect_their_fields_changed()
    {
        Assert.Equal(6, SweepParameter.Parse("threshold-bits").ApplyTo(Base, 6).ThresholdBits);
        Assert.Equal(5, SweepParameter.Parse("output-bits").ApplyTo(Base, 5).OutputBits);
        var tiled = SweepParameter.Parse("tile").ApplyTo(Base, 64);
        Assert.Equal((64, 64), (tiled.TileRows, tiled.TileColumns));
        var scaled = SweepParameter.Parse("r-scale").ApplyTo(Base, 10);
        Assert.Equal((100e3, 1e6), (scaled.ROn, scaled.ROff));
        Assert.Equal(Base.ROff / Base.ROn, scaled.ROff / scaled.ROn, 12);
        var read = SweepParameter.Parse("v-read").ApplyTo(Base, 0.1);
        Assert.Equal(0.1, read.VRead);
        Assert.Equal(Base with { VRead = 0.1 }, read);
    }

    [Theory]
    [InlineData("tile", "64.5")]
    [InlineData("threshold-bits", "3.5")]
    [InlineData("threshold-bits", "25")]
    [InlineData("r-scale", "0")]
    [InlineData("tile", "1")]
    [InlineData("v-read", "0")]
    [InlineData("v-read", "-0.1")]
    public void When_value_is_impossible_Expect_refusal(string parameter, string values)
    {
        var ex = Assert.Throws<BmcnnException>(() => SweepParameter.Parse(parameter).ParseValues(values));
        Assert.StartsWith("--values:", ex.Message);
    }

    [Fact]
    public void When_one_threshold_bit_is_applied_Expect_error_naming_the_field()
    {
        var ex = Assert.Throws<BmcnnException>(() => SweepParameter.Parse("threshold-bits").ApplyTo(Base, 1));
        Assert.Contains("'thresholdBits'", ex.Message);
    }

    [Fact]
    public void When_vat_noise_is_parsed_Expect_noise_model_and_no_mix_with_vat()
    {
        var m = Mitigation.Parse("vat-noise+calibrate");
        Assert.True(m.UseNoiseTrainedModel);
        Assert.False(m.UseVariationAwareModel);
        Assert.Throws<BmcnnException>(() => Mitigation.Parse("vat+vat-noise"));
    }
}
