using Bmcnn.Circuit.Crossbars;
using Bmcnn.Circuit.Elements;
using Bmcnn.Netlists;

namespace Bmcnn.Tests.Circuit.Crossbars;

/// <summary>The crossbar builder's circuits, solved by our engine and by ngspice 39, agree to 1e-6 relative.</summary>
public class CrossbarNgspiceTests
{
    private const string Missing = "ngspice is not installed (apt-get install -y ngspice); these tests compare our engine against it";

    [SkippableTheory]
    [InlineData(ColumnTermination.VirtualGround)]
    [InlineData(ColumnTermination.SenseResistor)]
    public void When_NonlinearTileWithWiresSolved_Expect_NgspiceAgreement(ColumnTermination termination)
    {
        Skip.IfNot(NgspiceRunner.IsAvailable, Missing);
        const int rows = 6, cols = 5;
        var random = new Random(11);
        var laws = new ICurrentLaw?[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                laws[i, j] = SinhLaw.Calibrated(random.Next(2) == 0 ? 1e4 : 1e5, 0.2, 0.25);
            }
        }
        var spec = new CrossbarSpec
        {
            Laws = laws,
            RowWireOhms = 2.5,
            ColumnWireOhms = 3,
            DriverOhms = 50,
            ColumnTermination = termination,
            SenseOhms = 200,
        };
        var inputs = Enumerable.Range(0, rows).Select(_ => random.Next(2) == 0 ? -0.3 : 0.3).ToArray();
        var tile = Crossbar.Build(spec, inputs);
        var ours = tile.Solve();
        var reference = NgspiceRunner.Run(tile.Netlist);
        foreach (var (node, volts) in ours.NodeVoltages)
        {
            var theirs = reference.NodeVoltages[node];
            Assert.True(Math.Abs(volts - theirs) <= 1e-6 * Math.Abs(theirs) + 1e-12, $"V({node}): ours {volts:R}, ngspice {theirs:R}");
        }
        foreach (var (source, amps) in ours.BranchCurrents)
        {
            var theirs = reference.BranchCurrents[source];
            Assert.True(Math.Abs(amps - theirs) <= 1e-6 * Math.Abs(theirs) + 1e-15, $"I({source}): ours {amps:R}, ngspice {theirs:R}");
        }
        for (var j = 0; j < cols; j++)
        {
            var theirs = termination == ColumnTermination.VirtualGround
                ? reference.BranchCurrents[tile.ColumnTerminations[j]]
                : reference.NodeVoltages[tile.ColumnEndNodes[j]] / spec.SenseOhms;
            var current = tile.ColumnCurrent(ours, j);
            Assert.True(Math.Abs(current - theirs) <= 1e-6 * Math.Abs(theirs), $"column {j}: ours {current:R}, ngspice {theirs:R}");
        }
    }
}
