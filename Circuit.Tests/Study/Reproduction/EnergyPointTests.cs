using Bmcnn.Study.Reproduction;
using Bmcnn.Study.Statistics;

namespace Bmcnn.Tests.Study.Reproduction;

public class EnergyPointTests
{
    private static EnergyPoint P(string name, double accuracy, double energy) => new(name, 1, false, 1, 100, accuracy, 0, 1, energy);

    [Fact]
    public void When_points_dominate_each_other_Expect_only_the_undominated_on_the_front_by_energy()
    {
        var cheap = P("cheap", 0.60, 1e-9);
        var dominated = P("dominated", 0.55, 2e-9);
        var middle = P("middle", 0.90, 3e-9);
        var sameEnergyWorse = P("same-energy-worse", 0.80, 3e-9);
        var best = P("best", 0.99, 10e-9);
        var costlyNoGain = P("costly-no-gain", 0.99, 20e-9);
        var front = EnergyPoint.ParetoFront([best, dominated, costlyNoGain, middle, cheap, sameEnergyWorse]);
        Assert.Equal(["cheap", "middle", "best"], front.Select(p => p.Parameter));
    }

    [Fact]
    public void When_wilson_interval_of_8_of_10_Expect_textbook_values()
    {
        // Wilson 95% score interval for 8/10: [0.4902, 0.9433] (Newcombe 1998, method 3).
        var (low, high) = WilsonInterval.Of(8, 10);
        Assert.Equal(0.4902, low, 4);
        Assert.Equal(0.9433, high, 4);
        Assert.Equal((0.0, 1.0), WilsonInterval.Of(0, 0));
        Assert.Equal(1.0, WilsonInterval.Of(10, 10).High, 12);
    }
}
