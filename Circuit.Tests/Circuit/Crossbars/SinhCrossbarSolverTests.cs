using Bmcnn.Circuit;
using Bmcnn.Circuit.Crossbars;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Tests.Circuit.Crossbars;

public class SinhCrossbarSolverTests
{
    internal static CrossbarSpec RandomTile(int rows, int cols, ulong seed, double wire, double driver, ColumnTermination termination)
    {
        var random = RandomStream.For(seed, rows, cols);
        var laws = new ICurrentLaw?[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                // ON/OFF devices with a few open crosspoints
                var draw = random.NextDouble();
                laws[i, j] = draw < 0.05 ? null : SinhLaw.Calibrated(draw < 0.5 ? 1e4 : 1e5, 0.2, 0.25);
            }
        }
        return new CrossbarSpec
        {
            Laws = laws,
            RowWireOhms = wire,
            ColumnWireOhms = wire * 0.7,
            DriverOhms = driver,
            ColumnTermination = termination,
            SenseOhms = 20,
        };
    }

    internal static double[] RandomInputs(int rows, ulong seed, bool binary)
    {
        var random = RandomStream.For(seed, 7);
        var v = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            v[i] = binary ? (random.NextDouble() < 0.5 ? -0.2 : 0.2) : 0.2 * random.NextDouble();
        }
        return v;
    }

    [Theory]
    [InlineData(1.0, 0.0, ColumnTermination.VirtualGround, true)]
    [InlineData(1.0, 0.0, ColumnTermination.VirtualGround, false)]
    [InlineData(2.5, 0.0, ColumnTermination.VirtualGround, true)]
    [InlineData(1.0, 15.0, ColumnTermination.SenseResistor, true)]
    [InlineData(0.0, 0.0, ColumnTermination.VirtualGround, true)]
    [InlineData(0.0, 15.0, ColumnTermination.SenseResistor, false)]
    public void When_RandomTileSolved_Expect_ColumnCurrentsEqualEngineNewton_1e_9(
        double wire, double driver, ColumnTermination termination, bool binary)
    {
        const int rows = 24, cols = 20;
        var spec = RandomTile(rows, cols, 3, wire, driver, termination);
        var solver = new SinhCrossbarSolver(spec);
        var reference = Crossbar.Build(spec, new double[rows]);
        var actual = new double[cols];
        for (var trial = 0; trial < 3; trial++)
        {
            var v = RandomInputs(rows, (ulong)(10 + trial), binary);
            var expected = reference.ColumnCurrents(v);
            solver.Solve(v, actual);
            for (var j = 0; j < cols; j++)
            {
                var error = Math.Abs(actual[j] - expected[j]) / Math.Max(Math.Abs(expected[j]), 1e-12);
                Assert.True(error < 1e-9, $"trial {trial} column {j}: {actual[j]:R} vs Newton {expected[j]:R} (rel {error:G3})");
            }
        }
    }

    [Fact]
    public void When_FullSizeTileWithWires_Expect_ColumnCurrentsEqualEngineNewton_1e_9()
    {
        const int rows = 128, cols = 128;
        var spec = RandomTile(rows, cols, 4, 1.06, 0, ColumnTermination.VirtualGround);
        var v = RandomInputs(rows, 5, true);
        var tile = Crossbar.Build(spec, v);
        var expected = tile.ColumnCurrents(tile.Solve());
        var actual = new double[cols];
        var sweeps = new SinhCrossbarSolver(spec).Solve(v, actual);
        for (var j = 0; j < cols; j++)
        {
            var error = Math.Abs(actual[j] - expected[j]) / Math.Abs(expected[j]);
            Assert.True(error < 1e-9, $"column {j}: {actual[j]:R} vs Newton {expected[j]:R} (rel {error:G3}, {sweeps} sweeps)");
        }
    }

    [Fact]
    public void When_SweepsCannotConverge_Expect_BmcnnException()
    {
        var spec = RandomTile(16, 16, 6, 2.5, 0, ColumnTermination.VirtualGround);
        var solver = new SinhCrossbarSolver(spec) { MaxSweeps = 2 };
        var error = Assert.Throws<BmcnnException>(() => solver.Solve(RandomInputs(16, 1, true), new double[16]));
        Assert.Contains("did not converge in 2 sweeps", error.Message);
    }

    [Fact]
    public void When_TileIsOhmic_Expect_BmcnnException()
    {
        var spec = new CrossbarSpec { Conductances = new double[2, 2] };
        Assert.Throws<BmcnnException>(() => new SinhCrossbarSolver(spec));
    }
}
