using Bmcnn.Circuit;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Mapping.Analog;

/// <summary>The full-size check behind <c>bmcnn bench sinh</c>, on a small network and two images.</summary>
public class SinhBlockCheckTests
{
    [SkippableTheory]
    [InlineData(1.06)]
    [InlineData(2.5)]
    public void When_small_network_is_checked_Expect_column_currents_within_1e_6_of_the_references_and_equal_predictions(double wire)
    {
        var test = RandomNetworks.MnistTest;
        Skip.If(test is null, "MNIST test set not found (set BMCNN_DATA)");
        var network = MappedNetwork.Program(RandomNetworks.Lenet(8, c1: 4, c2: 8, f1: 24), ChainNewtonKernelTests.Sinh(wire), 2);
        var report = SinhBlockCheck.Run(network, test!.Pixels, test.ImageSize, images: 2, sparseImages: 1);
        Assert.True(report.TileVectors > 0);
        Assert.True(report.SparseVectors > 0);
        Assert.True(report.WorstVsSparse < 1e-6, $"vs sparse Newton {report.WorstVsSparse:E2}");
        Assert.True(report.WorstVsConverged < 1e-6, $"vs converged chain {report.WorstVsConverged:E2}");
        if (wire < 2)
        {
            // at 2.5 Ω the per-vector chain at its default tolerance may itself be off by more (the converged one judges)
            Assert.True(report.WorstVsChain < 1e-6, $"vs chain {report.WorstVsChain:E2}");
            Assert.True(report.ChainVsConverged < 1e-6, $"default chain vs converged chain {report.ChainVsConverged:E2}");
        }
        Assert.True(report.PredictionsEqual);
        Assert.Equal(2, report.BlockedPredictions.Length);
    }

    [Fact]
    public void When_wires_are_ideal_Expect_BmcnnException()
    {
        var network = MappedNetwork.Program(RandomNetworks.Lenet(8, c1: 4, c2: 8, f1: 24), ChainNewtonKernelTests.Sinh(0), 2);
        Assert.Throws<BmcnnException>(() => SinhBlockCheck.Run(network, new byte[784], 784, 1, 0));
    }
}
