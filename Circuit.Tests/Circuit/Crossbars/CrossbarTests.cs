using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Crossbars;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Tests.Circuit.Crossbars;

public class CrossbarTests
{
    private static double[,] RandomConductances(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var g = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                g[i, j] = random.Next(2) == 0 ? 1 / 1e4 : 1 / 1e5; // R_ON / R_OFF
            }
        }
        return g;
    }

    private static double[] RandomInputs(int rows, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows).Select(_ => random.Next(2) == 0 ? -0.2 : 0.2).ToArray();
    }

    private static void Near(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(ColumnTermination.VirtualGround)]
    [InlineData(ColumnTermination.SenseResistor)]
    public void When_WiresAndDriversAreIdeal_Expect_IdealDotProduct(ColumnTermination termination)
    {
        const int rows = 9, cols = 7;
        var g = RandomConductances(rows, cols, 1);
        var v = RandomInputs(rows, 2);
        var spec = new CrossbarSpec { Conductances = g, ColumnTermination = termination, SenseOhms = 1e-3 };
        var tile = Crossbar.Build(spec, v);
        Assert.True(tile.Netlist.HasNode("r0") && tile.Netlist.HasNode("c0"));
        var op = tile.Solve();
        var transfer = tile.TransferMatrix();
        for (var j = 0; j < cols; j++)
        {
            var ideal = 0.0;
            for (var i = 0; i < rows; i++)
            {
                ideal += v[i] * g[i, j];
                if (termination == ColumnTermination.VirtualGround)
                {
                    Near(g[i, j], transfer[i, j], 1e-9, $"T[{i},{j}]");
                }
            }
            if (termination == ColumnTermination.VirtualGround)
            {
                Near(ideal, tile.ColumnCurrent(op, j), 1e-9, $"column {j}");
            }
            else
            {
                // A 1 mΩ sense resistor against ≥10 kΩ devices: the ideal sum to within the divider error.
                Near(ideal, tile.ColumnCurrent(op, j), 1e-5, $"column {j}");
            }
        }
    }

    [Theory]
    [InlineData(6, 11, ColumnTermination.VirtualGround, 0.0)]
    [InlineData(13, 5, ColumnTermination.VirtualGround, 50.0)]
    [InlineData(8, 8, ColumnTermination.SenseResistor, 0.0)]
    [InlineData(12, 4, ColumnTermination.SenseResistor, 20.0)]
    public void When_TransferMatrixUsed_Expect_PerInputOperatingPoints(int rows, int cols, ColumnTermination termination, double driverOhms)
    {
        var spec = new CrossbarSpec
        {
            Conductances = RandomConductances(rows, cols, rows * 100 + cols),
            RowWireOhms = 2.5,
            ColumnWireOhms = 3.5,
            DriverOhms = driverOhms,
            ColumnTermination = termination,
            SenseOhms = 100,
        };
        var transfer = Crossbar.Build(spec, new double[rows]).TransferMatrix();
        for (var i = 0; i < rows; i++)
        {
            var unit = new double[rows];
            unit[i] = 1;
            var tile = Crossbar.Build(spec, unit);
            var op = tile.Solve();
            for (var j = 0; j < cols; j++)
            {
                Near(tile.ColumnCurrent(op, j), transfer[i, j], 1e-9, $"T[{i},{j}]");
            }
        }
        // Linearity: any input vector's column currents are vᵀ·T.
        var v = RandomInputs(rows, 7);
        var full = Crossbar.Build(spec, v);
        var currents = full.ColumnCurrents(full.Solve());
        for (var j = 0; j < cols; j++)
        {
            var predicted = Enumerable.Range(0, rows).Sum(i => v[i] * transfer[i, j]);
            Near(currents[j], predicted, 1e-9, $"column {j}");
        }
    }

    [Fact]
    public void When_WireResistanceGrows_Expect_ColumnCurrentsShrink()
    {
        var g = new double[4, 4];
        for (var i = 0; i < 4; i++) for (var j = 0; j < 4; j++) g[i, j] = 1e-4;
        var v = new[] { 0.2, 0.2, 0.2, 0.2 };
        double Current(double wire) => Crossbar.Build(new CrossbarSpec { Conductances = g, RowWireOhms = wire, ColumnWireOhms = wire }, v).TransferMatrix()[0, 3];
        Assert.True(Current(0) > Current(10));
        Assert.True(Current(10) > Current(100));
    }

    [Fact]
    public void When_DevicesAreNonlinearOnIdealWires_Expect_SumOfLawCurrents()
    {
        const int rows = 5, cols = 3;
        var laws = new ICurrentLaw?[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                laws[i, j] = (i + j) % 4 == 3 ? null : SinhLaw.Calibrated(i % 2 == 0 ? 1e4 : 1e5, 0.2, 0.15);
            }
        }
        var v = new[] { 0.3, -0.2, 0.25, 0.1, -0.3 };
        var tile = Crossbar.Build(new CrossbarSpec { Laws = laws }, v);
        var op = tile.Solve();
        for (var j = 0; j < cols; j++)
        {
            var expected = Enumerable.Range(0, rows).Sum(i => laws[i, j]?.Current(v[i]) ?? 0);
            Near(expected, tile.ColumnCurrent(op, j), 1e-9, $"column {j}");
        }
        Assert.Throws<BmcnnException>(() => tile.TransferMatrix());
    }

    [Theory]
    [InlineData(ColumnTermination.VirtualGround)]
    [InlineData(ColumnTermination.SenseResistor)]
    public void When_InputsChangeOnCompiledTile_Expect_SameCurrentsAsFreshTiles(ColumnTermination termination)
    {
        const int rows = 7, cols = 4;
        var random = new Random(5);
        var laws = new ICurrentLaw?[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                laws[i, j] = SinhLaw.Calibrated(random.Next(2) == 0 ? 1e4 : 1e5, 0.2, 0.15);
            }
        }
        var spec = new CrossbarSpec { Laws = laws, RowWireOhms = 3, ColumnWireOhms = 2, DriverOhms = 10, ColumnTermination = termination, SenseOhms = 50 };
        var reused = Crossbar.Build(spec, new double[rows]);
        for (var trial = 0; trial < 4; trial++)
        {
            var v = RandomInputs(rows, 100 + trial);
            var fresh = Crossbar.Build(spec, v);
            var expected = fresh.ColumnCurrents(fresh.Solve());
            var actual = reused.ColumnCurrents(v);
            for (var j = 0; j < cols; j++)
            {
                Near(expected[j], actual[j], 1e-12, $"trial {trial} column {j}");
            }
        }
        Assert.Throws<BmcnnException>(() => reused.ColumnCurrents(new double[rows + 1]));
    }

    [Fact]
    public void When_TileBuilt_Expect_DocumentedNames()
    {
        var spec = new CrossbarSpec { Conductances = RandomConductances(2, 3, 3), RowWireOhms = 1, ColumnWireOhms = 1, DriverOhms = 10 };
        var tile = Crossbar.Build(spec, new[] { 0.1, 0.2 });
        Assert.Equal(new[] { "vin0", "vin1" }, tile.InputSources);
        Assert.Equal(new[] { "vcol0", "vcol1", "vcol2" }, tile.ColumnTerminations);
        Assert.Equal(new[] { "c1_0", "c1_1", "c1_2" }, tile.ColumnEndNodes);
        foreach (var node in new[] { "in0", "r0_0", "r1_2", "c0_0", "c1_2" })
        {
            Assert.True(tile.Netlist.HasNode(node), node);
        }
        Assert.NotNull(tile.Netlist.Find("rx1_2"));
        Assert.NotNull(tile.Netlist.Find("rwr0_1"));
        Assert.NotNull(tile.Netlist.Find("rwc0_2"));
        Assert.NotNull(tile.Netlist.Find("rdrv1"));
    }

    [Fact]
    public void When_SpecIsInvalid_Expect_FieldNamed()
    {
        var g = new double[2, 2];
        Assert.Contains("input voltages", Assert.Throws<BmcnnException>(() => Crossbar.Build(new CrossbarSpec { Conductances = g }, new double[3])).Message);
        Assert.Contains("row wire", Assert.Throws<BmcnnException>(() => Crossbar.Build(new CrossbarSpec { Conductances = g, RowWireOhms = -1 }, new double[2])).Message);
        Assert.Contains("sense", Assert.Throws<BmcnnException>(() => Crossbar.Build(new CrossbarSpec { Conductances = g, ColumnTermination = ColumnTermination.SenseResistor }, new double[2])).Message);
        Assert.Contains("exactly one", Assert.Throws<BmcnnException>(() => Crossbar.Build(new CrossbarSpec(), new double[2])).Message);
    }
}
