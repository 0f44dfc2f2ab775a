using System.Runtime.Intrinsics;
using Bmcnn.Circuit;
using Bmcnn.Circuit.Crossbars;

namespace Bmcnn.Tests.Circuit.Crossbars;

public class SinhCrossbarBlockSolverTests
{
    private const int Lanes = SinhCrossbarBlockSolver.Lanes;

    [Theory]
    [InlineData(1.06, 0.0, ColumnTermination.VirtualGround)]
    [InlineData(2.5, 0.0, ColumnTermination.VirtualGround)]
    [InlineData(1.0, 15.0, ColumnTermination.SenseResistor)]
    [InlineData(0.5, 15.0, ColumnTermination.VirtualGround)]
    public void When_FourVectorsSolvedTogether_Expect_EachLaneEqualsEngineNewton_1e_9(double wire, double driver, ColumnTermination termination)
    {
        const int rows = 24, cols = 20;
        var spec = SinhCrossbarSolverTests.RandomTile(rows, cols, 3, wire, driver, termination);
        var reference = Crossbar.Build(spec, new double[rows]);
        var volts = new double[rows * Lanes];
        var inputs = new double[Lanes][];
        for (var l = 0; l < Lanes; l++)
        {
            // lanes of both kinds, one of them all zero
            inputs[l] = l == 2 ? new double[rows] : SinhCrossbarSolverTests.RandomInputs(rows, (ulong)(20 + l), l % 2 == 0);
            for (var i = 0; i < rows; i++) volts[i * Lanes + l] = inputs[l][i];
        }
        var actual = new double[cols * Lanes];
        new SinhCrossbarBlockSolver(spec).Solve(volts, actual);
        for (var l = 0; l < Lanes; l++)
        {
            var expected = reference.ColumnCurrents(inputs[l]);
            for (var j = 0; j < cols; j++)
            {
                var ours = actual[j * Lanes + l];
                var error = Math.Abs(ours - expected[j]) / Math.Max(Math.Abs(expected[j]), 1e-12);
                Assert.True(error < 1e-9, $"lane {l} column {j}: {ours:R} vs Newton {expected[j]:R} (rel {error:G3})");
            }
        }
    }

    [Fact]
    public void When_FullSizeTileSolvedInLanes_Expect_ColumnCurrentsEqualPerVectorChainSolver_1e_9()
    {
        const int rows = 128, cols = 128;
        var spec = SinhCrossbarSolverTests.RandomTile(rows, cols, 4, 1.06, 0, ColumnTermination.VirtualGround);
        var single = new SinhCrossbarSolver(spec);
        var volts = new double[rows * Lanes];
        var expected = new double[Lanes][];
        for (var l = 0; l < Lanes; l++)
        {
            var v = SinhCrossbarSolverTests.RandomInputs(rows, (ulong)(5 + l), l != 1);
            for (var i = 0; i < rows; i++) volts[i * Lanes + l] = v[i];
            expected[l] = new double[cols];
            single.Solve(v, expected[l]);
        }
        var actual = new double[cols * Lanes];
        new SinhCrossbarBlockSolver(spec).Solve(volts, actual);
        for (var l = 0; l < Lanes; l++)
        {
            for (var j = 0; j < cols; j++)
            {
                var error = Math.Abs(actual[j * Lanes + l] - expected[l][j]) / Math.Abs(expected[l][j]);
                Assert.True(error < 1e-9, $"lane {l} column {j}: {actual[j * Lanes + l]:R} vs {expected[l][j]:R} (rel {error:G3})");
            }
        }
    }

    [Theory]
    [InlineData(1.06)]
    [InlineData(2.5)]
    public void When_SweepsAreAccelerated_Expect_PlainSweepsCurrents_1e_8_InFewerSweeps(double wire)
    {
        const int rows = 96, cols = 128;
        var spec = SinhCrossbarSolverTests.RandomTile(rows, cols, 8, wire, 0, ColumnTermination.VirtualGround);
        var volts = new double[rows * Lanes];
        for (var l = 0; l < Lanes; l++)
        {
            var v = SinhCrossbarSolverTests.RandomInputs(rows, (ulong)(40 + l), true);
            for (var i = 0; i < rows; i++) volts[i * Lanes + l] = v[i];
        }
        var plain = new double[cols * Lanes];
        var fast = new double[cols * Lanes];
        var plainSweeps = new SinhCrossbarBlockSolver(spec) { Accelerate = false, Tolerance = 1e-12 }.Solve(volts, plain);
        var fastSweeps = new SinhCrossbarBlockSolver(spec).Solve(volts, fast);
        var largest = plain.Max(Math.Abs);
        for (var x = 0; x < plain.Length; x++)
        {
            var error = Math.Abs(fast[x] - plain[x]) / Math.Max(Math.Abs(plain[x]), 1e-3 * largest);
            Assert.True(error < 1e-8, $"column {x / Lanes} lane {x % Lanes}: {fast[x]:R} vs {plain[x]:R} (rel {error:G3})");
        }
        Assert.True(fastSweeps < plainSweeps, $"{fastSweeps} accelerated sweeps vs {plainSweeps} plain");
    }

    [Fact]
    public void When_OneLaneCannotConverge_Expect_BmcnnExceptionAndThatLane()
    {
        var spec = SinhCrossbarSolverTests.RandomTile(16, 16, 6, 2.5, 0, ColumnTermination.VirtualGround);
        var solver = new SinhCrossbarBlockSolver(spec) { MaxSweeps = 2 };
        var volts = new double[16 * Lanes];
        var v = SinhCrossbarSolverTests.RandomInputs(16, 1, true);
        for (var i = 0; i < 16; i++) volts[i * Lanes + 2] = v[i]; // lanes 0, 1 and 3 are all zero and converge at once
        var error = Assert.Throws<BmcnnException>(() => solver.Solve(volts, new double[16 * Lanes]));
        Assert.Contains("did not converge in 2 sweeps", error.Message);
        Assert.Equal(2, solver.FailedLane);
    }

    [Fact]
    public void When_WiresAreIdeal_Expect_BmcnnException()
    {
        var spec = SinhCrossbarSolverTests.RandomTile(4, 4, 6, 0, 0, ColumnTermination.VirtualGround);
        Assert.False(SinhCrossbarBlockSolver.Supports(spec));
        Assert.Throws<BmcnnException>(() => new SinhCrossbarBlockSolver(spec));
    }

    [Fact]
    public void When_SeriesEvaluatedWithinItsReach_Expect_MathSinhAndCosh_2e_16()
    {
        const double reach = SinhCrossbarBlockSolver.SeriesReach;
        double worstSinh = 0, worstCosh = 0;
        for (var k = -4000; k <= 4000; k++)
        {
            var u = reach * k / 4000 + (k == 0 ? 1e-9 : 0);
            var sinh = SinhCrossbarBlockSolver.Series.SinhCosh(Vector256.Create(u, -u, 0.5 * u, u), out var cosh);
            Assert.Equal(sinh[0], SinhCrossbarBlockSolver.Series.Sinh(Vector256.Create(u))[0]);
            Assert.Equal(-sinh[0], sinh[1]); // odd, lane by lane
            worstSinh = Math.Max(worstSinh, Math.Abs(sinh[0] - Math.Sinh(u)) / Math.Abs(Math.Sinh(u)));
            worstSinh = Math.Max(worstSinh, Math.Abs(sinh[2] - Math.Sinh(0.5 * u)) / Math.Abs(Math.Sinh(0.5 * u)));
            worstCosh = Math.Max(worstCosh, Math.Abs(cosh[0] - Math.Cosh(u)) / Math.Cosh(u));
        }
        Assert.True(worstSinh < 2e-16 * 4, $"sinh: worst relative error {worstSinh:G3}");
        Assert.True(worstCosh < 2e-16 * 4, $"cosh: worst relative error {worstCosh:G3}");
    }

    [Fact]
    public void When_InputsBeyondTheSeriesReach_Expect_ExponentialPathEqualsEngineNewton_1e_9()
    {
        // ±0.6 V on V0 = 0.25 V: device voltages up to 4.8 V0, beyond the series, so the exponential path solves it
        const int rows = 20, cols = 16;
        var spec = SinhCrossbarSolverTests.RandomTile(rows, cols, 9, 1.06, 0, ColumnTermination.VirtualGround);
        var reference = Crossbar.Build(spec, new double[rows]);
        var volts = new double[rows * Lanes];
        var inputs = new double[Lanes][];
        for (var l = 0; l < Lanes; l++)
        {
            inputs[l] = SinhCrossbarSolverTests.RandomInputs(rows, (ulong)(60 + l), true).Select(v => 3 * v).ToArray();
            for (var i = 0; i < rows; i++) volts[i * Lanes + l] = inputs[l][i];
        }
        Assert.True(2 * 0.6 / 0.25 > SinhCrossbarBlockSolver.SeriesReach);
        var actual = new double[cols * Lanes];
        new SinhCrossbarBlockSolver(spec).Solve(volts, actual);
        for (var l = 0; l < Lanes; l++)
        {
            var expected = reference.ColumnCurrents(inputs[l]);
            for (var j = 0; j < cols; j++)
            {
                var error = Math.Abs(actual[j * Lanes + l] - expected[j]) / Math.Max(Math.Abs(expected[j]), 1e-12);
                Assert.True(error < 1e-9, $"lane {l} column {j}: {actual[j * Lanes + l]:R} vs Newton {expected[j]:R} (rel {error:G3})");
            }
        }
    }
}
