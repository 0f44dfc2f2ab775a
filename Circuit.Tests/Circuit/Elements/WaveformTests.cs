using Bmcnn.Circuit;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Tests.Circuit.Elements;

public class WaveformTests
{
    [Fact]
    public void When_pulse_is_evaluated_Expect_ngspice_corners_and_period()
    {
        var pulse = new PulseWaveform([0, 1, 1e-6, 1e-6, 2e-6, 3e-6, 10e-6]);
        Assert.Equal(0, pulse.Value(0.5e-6, 1e-7, 1e-4));
        Assert.Equal(0.5, pulse.Value(1.5e-6, 1e-7, 1e-4), 12);
        Assert.Equal(1, pulse.Value(4e-6, 1e-7, 1e-4));
        Assert.Equal(0.5, pulse.Value(6e-6, 1e-7, 1e-4), 12);
        Assert.Equal(0.5, pulse.Value(11.5e-6, 1e-7, 1e-4), 9);
        var corners = new List<double>();
        pulse.AddBreakpoints(1e-7, 20e-6, corners);
        Assert.Equal([1e-6, 2e-6, 5e-6, 7e-6], corners.Take(4).Select(t => Math.Round(t, 12)));
    }

    [Fact]
    public void When_pulse_rise_is_omitted_Expect_the_print_step()
    {
        var pulse = new PulseWaveform([0, 2]);
        Assert.Equal(1, pulse.Value(0.5e-6, 1e-6, 1e-3), 12);
    }

    [Fact]
    public void When_pwl_is_evaluated_Expect_lines_between_points_and_flat_ends()
    {
        var pwl = new PwlWaveform([1e-3, 1, 2e-3, 3, 2e-3, 0, 4e-3, 0]);
        Assert.Equal(1, pwl.Value(0, 0, 0));
        Assert.Equal(2, pwl.Value(1.5e-3, 0, 0), 12);
        Assert.Equal(0, pwl.Value(2e-3, 0, 0));
        Assert.Equal(0, pwl.Value(5e-3, 0, 0));
        var ex = Assert.Throws<BmcnnException>(() => new PwlWaveform([0, 0, 2, 1, 1, 0]));
        Assert.Contains("must not decrease", ex.Message);
        Assert.Throws<BmcnnException>(() => new PwlWaveform([0, 0, 1]));
    }

    [Fact]
    public void When_sine_and_exp_are_evaluated_Expect_ngspice_formulas()
    {
        var sine = new SineWaveform([0.5, 2, 1e3, 1e-3, 100, 30]);
        Assert.Equal(0.5 + 2 * Math.Sin(Math.PI / 6), sine.Value(0, 1e-6, 1e-2), 12);
        var t = 1.3e-3;
        Assert.Equal(0.5 + 2 * Math.Exp(-(t - 1e-3) * 100) * Math.Sin(2 * Math.PI * 1e3 * (t - 1e-3) + Math.PI / 6), sine.Value(t, 1e-6, 1e-2), 12);
        var exp = new ExpWaveform([0, 1, 1e-6, 1e-6, 5e-6, 2e-6]);
        Assert.Equal(0, exp.Value(1e-6, 1e-7, 1e-5));
        Assert.Equal(1 - Math.Exp(-1), exp.Value(2e-6, 1e-7, 1e-5), 12);
        Assert.Equal((1 - Math.Exp(-5)) - (1 - Math.Exp(-0.5)), exp.Value(6e-6, 1e-7, 1e-5), 12);
    }
}
