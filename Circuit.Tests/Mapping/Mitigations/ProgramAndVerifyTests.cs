using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;
using Bmcnn.Mapping.Mitigations;
using Bmcnn.Tests.Study.Sweeps;

namespace Bmcnn.Tests.Mapping.Mitigations;

public class ProgramAndVerifyTests
{
    private static readonly DeviceSpec Spec = DevicePresets.Rram.Spec with { TileRows = 64, TileColumns = 32 };

    [Theory]
    [InlineData(WeightScheme.Differential, 1)]
    [InlineData(WeightScheme.Reference, 2)]
    public void When_verified_Expect_every_single_device_cell_within_tolerance_and_pulses_counted(WeightScheme scheme, int k)
    {
        var model = StudyNetworks.Lenet(1);
        var spec = Spec with { SigmaOn = 0.5, SigmaOff = 0.5, Scheme = scheme, Redundancy = k };
        var network = MappedNetwork.Program(model, spec, 99);
        var report = ProgramAndVerify.Apply(network, 0.1); // replays the programming; throws if it does not match
        Assert.True(report.OutOfTolerance > report.Devices / 2, $"{report}");
        Assert.True(report.ExtraPulses >= report.OutOfTolerance);
        Assert.True(report.Unverified < report.Devices / 1000 + 1, $"{report}");
        if (k == 1 && scheme == WeightScheme.Differential)
        {
            // Every differential cell is one device programmed ON or OFF: within ±10% of R_ON or of R_OFF.
            var outside = network.Layers.SelectMany(l => l.Tiles).SelectMany(t => t.Conductances)
                .Count(g => !(Near(1 / g, spec.ROn) || Near(1 / g, spec.ROff)));
            Assert.Equal(report.Unverified, outside);
        }

        static bool Near(double r, double target) => Math.Abs(r / target - 1) <= 0.1 + 1e-12;
    }

    [Fact]
    public void When_devices_are_ideal_Expect_no_pulses_and_unchanged_tiles()
    {
        var model = StudyNetworks.Lenet(2);
        var network = MappedNetwork.Program(model, Spec, 5);
        var before = network.Layers.SelectMany(l => l.Tiles).SelectMany(t => t.Conductances).ToArray();
        var report = ProgramAndVerify.Apply(network, 0.05);
        Assert.Equal(0, report.ExtraPulses);
        Assert.Equal(before, network.Layers.SelectMany(l => l.Tiles).SelectMany(t => t.Conductances));
    }

    [Fact]
    public void When_devices_are_stuck_Expect_them_left_stuck_and_reported_unverified()
    {
        var model = StudyNetworks.Lenet(3);
        var spec = Spec with { StuckOn = 0.01, StuckOff = 0.01 };
        var network = MappedNetwork.Program(model, spec, 8);
        var report = ProgramAndVerify.Apply(network, 0.1);
        // Without variation only stuck devices in the wrong state are out of tolerance, and they cannot be fixed.
        Assert.Equal(report.OutOfTolerance, report.Unverified);
        Assert.Equal(report.Unverified * ProgramAndVerify.MaxPulses, report.ExtraPulses);
        Assert.InRange(report.Unverified, report.Devices / 200, report.Devices / 50);
    }
}
