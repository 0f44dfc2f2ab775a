using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Tests.Study.Sweeps;

public class MitigationTests
{
    [Fact]
    public void When_list_combines_mitigations_Expect_each_setting_and_text_as_given()
    {
        var list = Mitigation.ParseList("none, vat+redundancy:3 ,reference,calibrate,verify:0.05+differential,calibrate:64");
        Assert.Equal(["none", "vat+redundancy:3", "reference", "calibrate", "verify:0.05+differential", "calibrate:64"], list.Select(m => m.Text));
        Assert.True(list[0].IsNone);
        Assert.True(list[1].UseVariationAwareModel);
        Assert.Equal(3, list[1].Redundancy);
        Assert.Equal("reference", list[2].Scheme);
        Assert.Equal(Mitigation.DefaultCalibrationImages, list[3].CalibrationImages);
        Assert.Equal(0.05, list[4].VerifyTolerance);
        Assert.Equal("differential", list[4].Scheme);
        Assert.Equal(64, list[5].CalibrationImages);
        Assert.Equal(Mitigation.DefaultVerifyTolerance, Mitigation.Parse("verify").VerifyTolerance);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("bogus", "unknown mitigation 'bogus'")]
    [InlineData("redundancy", "needs a device count")]
    [InlineData("redundancy:0", "'redundancy:0'")]
    [InlineData("redundancy:x", "'redundancy:x'")]
    [InlineData("verify:1.5", "'verify:1.5'")]
    [InlineData("calibrate:-3", "'calibrate:-3'")]
    [InlineData("vat:2", "'vat' takes no value")]
    [InlineData("none+vat", "'none' cannot be combined")]
    [InlineData("vat+vat", "names 'vat' twice")]
    [InlineData("reference+differential", "both 'reference' and 'differential'")]
    [InlineData("vat,vat", "listed twice")]
    [InlineData("vat+", "unknown mitigation ''")]
    public void When_mitigation_is_malformed_Expect_one_line_message_naming_it(string text, string expected)
    {
        var ex = Assert.Throws<BmcnnException>(() => Mitigation.ParseList(text));
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith("--mitigation:", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void When_mitigation_is_applied_Expect_redundancy_and_scheme_in_the_spec_and_the_rest_untouched()
    {
        var spec = DevicePresets.Rram.Spec with { SigmaOn = 0.5, SigmaOff = 0.5 };
        var changed = Mitigation.Parse("redundancy:4+reference+calibrate:8").ApplyTo(spec);
        Assert.Equal(spec with { Redundancy = 4, Scheme = WeightScheme.Reference }, changed);
        Assert.Equal(spec, Mitigation.None.ApplyTo(spec));
    }
}
