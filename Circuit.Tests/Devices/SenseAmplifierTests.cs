using Bmcnn.Circuit;
using Bmcnn.Devices;

namespace Bmcnn.Tests.Devices;

public class SenseAmplifierTests
{
    [Fact]
    public void When_offset_is_zero_Expect_decision_by_reference()
    {
        var amp = new SenseAmplifier(1e-6, 0);
        Assert.True(amp.Decide(1.0001e-6));
        Assert.False(amp.Decide(0.9999e-6));
    }

    [Fact]
    public void When_offsets_are_drawn_Expect_sigma_and_shifted_decision()
    {
        var random = new RandomStream(2);
        const int n = 100_000;
        double sum2 = 0;
        for (var i = 0; i < n; i++)
        {
            var amp = SenseAmplifier.Draw(0, 2e-6, ref random);
            sum2 += amp.Offset * amp.Offset;
            // Input-referred: the comparator sees current + offset.
            Assert.Equal(amp.Offset > 0, amp.Decide(0));
        }
        Assert.InRange(Math.Sqrt(sum2 / n) / 2e-6, 0.99, 1.01);
    }

    [Fact]
    public void When_adc_quantizes_Expect_levels_clipping_and_resolution()
    {
        var adc = new Adc(3, 1.0);
        Assert.Equal(0, adc.Code(-5));
        Assert.Equal(7, adc.Code(5));
        Assert.Equal(-1.0, adc.Quantize(-1.0), 15);
        Assert.Equal(1.0, adc.Quantize(2.0), 15);
        Assert.Equal(-1.0 + 2.0 / 7 * 4, adc.Quantize(0.1), 15);
        var random = new RandomStream(1);
        for (var i = 0; i < 1000; i++)
        {
            var x = 2 * random.NextDouble() - 1;
            Assert.True(Math.Abs(adc.Quantize(x) - x) <= 1.0 / 7 + 1e-15);
        }
        Assert.Equal(0.123456, new Adc(0, 1).Quantize(0.123456));
        Assert.Throws<BmcnnException>(() => new Adc(-1, 1));
        Assert.Throws<BmcnnException>(() => new Adc(4, 0));
    }
}
