using Bmcnn.Devices.Dynamic;

namespace Bmcnn.Tests.Devices.Dynamic;

public class VteamModelTests
{
    private static string Library => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "memristors.lib"));

    [Fact]
    public void When_the_library_is_read_Expect_the_built_in_vteam_subcircuit_verbatim() =>
        Assert.Contains(VteamSubcircuit.Text, Library.ReplaceLineEndings("\n"));

    [Fact]
    public void When_voltage_is_between_the_thresholds_Expect_no_drift_beyond_the_leak()
    {
        var model = new VteamModel();
        Assert.Equal(0.5, model.Advance(0.5, 0.019, -0.19, 1, 4), 11);
    }

    [Fact]
    public void When_a_constant_voltage_drives_without_window_Expect_the_analytic_ramp()
    {
        // p large: the window is 1 away from the bounds, so ds/dt = koff/D·(v/voff − 1) exactly (leak aside).
        var model = new VteamModel { P = 50 };
        var rate = model.KOff / model.D * (0.035 / model.VOff - 1);
        var s = model.Advance(0.3, 0.035, 0.035, 1e-6, 4);
        Assert.Equal(0.3 + rate * 1e-6, s, 9);
        Assert.True(model.Advance(0.5, -0.3, -0.3, 1e-10, 4) < 0.5);
    }
}
