using Bmcnn.Study.Reproduction;

namespace Bmcnn.Tests.Study.Reproduction;

public class ReproductionPlanTests
{
    [Fact]
    public void When_the_full_plan_is_read_Expect_the_claims_grids_on_all_images_with_ten_trials()
    {
        var full = ReproductionPlan.Full;
        Assert.Null(full.TestImages);
        Assert.Null(full.CircuitImages);
        Assert.Equal(2000, full.EnergyImages);
        Assert.Equal(10, full.SigmaTrials);
        Assert.Equal(10, full.MitigationTrials);
        Assert.Equal(2, full.MitigationSigmas);
        Assert.Equal([0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.75, 1], full.SigmaValues);
        Assert.Equal([1.06, 20], full.MitigatedWireValues);
        Assert.Contains(0, full.ThresholdBitValues);
        Assert.Null(full.Note);
    }

    [Fact]
    public void When_the_quick_plan_is_read_Expect_every_stage_smaller_than_the_full_one_and_said_so()
    {
        ReproductionPlan quick = ReproductionPlan.Quick, full = ReproductionPlan.Full;
        Assert.Equal(1000, quick.TestImages);
        Assert.Equal(500, quick.CircuitImages);
        Assert.Equal(100, quick.EnergyImages);
        Assert.Equal(1, quick.MitigationSigmas);
        Assert.True(quick.MitigationTrials < full.MitigationTrials);
        // Every stage runs, with no more values than the full plan's.
        (IReadOnlyList<double> Quick, IReadOnlyList<double> Full)[] grids =
        [
            (quick.SigmaValues, full.SigmaValues), (quick.SplitSigmaValues, full.SplitSigmaValues), (quick.WireValues, full.WireValues),
            (quick.MitigatedWireValues, full.MitigatedWireValues), (quick.ThresholdBitValues, full.ThresholdBitValues),
            (quick.EnergyWireValues, full.EnergyWireValues), (quick.EnergyScaleValues, full.EnergyScaleValues),
            (quick.EnergyTileValues, full.EnergyTileValues), (quick.EnergyReadVoltages, full.EnergyReadVoltages),
        ];
        Assert.All(grids, g => Assert.InRange(g.Quick.Count, 1, g.Full.Count));
        Assert.Contains("smoke run", quick.Note);
    }
}
