using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Elements;
using Bmcnn.Circuit.Expressions;

namespace Bmcnn.Tests.Circuit.Analysis;

public class DcOperatingPointTests
{
    private static OperatingPoint Solve(Netlist netlist, DcOptions? options = null) => new DcOperatingPoint(netlist, options).Solve();

    private static void Near(double expected, double actual, double relative = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(Math.Abs(expected), 1e-30), $"expected {expected:R}, got {actual:R}");

    /// <summary>Root of a monotonic function by bisection, the hand reference for nonlinear circuits.</summary>
    private static double Bisect(Func<double, double> f, double lo, double hi)
    {
        var flo = f(lo);
        for (var k = 0; k < 200; k++)
        {
            var mid = 0.5 * (lo + hi);
            var fm = f(mid);
            if (Math.Sign(fm) == Math.Sign(flo)) { lo = mid; flo = fm; } else { hi = mid; }
        }
        return 0.5 * (lo + hi);
    }

    [Fact]
    public void When_large_grid_is_solved_on_two_threads_Expect_bit_identical_voltages_and_bad_thread_count_named()
    {
        // A 100×100 resistor mesh fed at one corner: large enough for the two-thread ordering and factorization.
        var net = new Netlist();
        net.Add(new VoltageSource("V1", "n0_0", "0", 1));
        var random = new Random(7);
        for (var i = 0; i < 100; i++)
        {
            for (var j = 0; j < 100; j++)
            {
                if (j + 1 < 100) net.Add(new Resistor($"RH{i}_{j}", $"n{i}_{j}", $"n{i}_{j + 1}", 1 + random.NextDouble()));
                if (i + 1 < 100) net.Add(new Resistor($"RV{i}_{j}", $"n{i}_{j}", $"n{i + 1}_{j}", 1 + random.NextDouble()));
            }
        }
        net.Add(new Resistor("RLOAD", "n99_99", "0", 50));
        var one = Solve(net);
        var two = Solve(net, new DcOptions { Threads = 2 });
        Assert.Equal(one.NodeVoltages.Count, two.NodeVoltages.Count);
        foreach (var (node, volts) in one.NodeVoltages)
        {
            Assert.Equal(volts, two.NodeVoltages[node]); // exact, not within a tolerance
        }
        Assert.Equal(one.BranchCurrents["v1"], two.BranchCurrents["v1"]);
        var error = Assert.Throws<BmcnnException>(() => Solve(net, new DcOptions { Threads = 0 }));
        Assert.Equal("DC options: threads must be at least 1, got 0", error.Message);
    }

    [Fact]
    public void When_solution_is_read_in_order_Expect_netlist_order_and_the_same_values_as_by_name()
    {
        var net = new Netlist();
        net.Add(new Resistor("R9", "z", "a", 2e3));
        net.Add(new VoltageSource("V2", "a", "0", 1));
        net.Add(new Resistor("R1", "z", "m", 1e3));
        net.Add(new VoltageSource("V1", "m", "0", 3));
        var op = Solve(net);
        Assert.Equal(net.Nodes, op.NodeNames.ToArray());
        Assert.Equal(new[] { "v2", "v1" }, op.BranchNames.ToArray());
        for (var i = 0; i < op.NodeNames.Length; i++)
        {
            Assert.Equal(op.NodeVoltages[op.NodeNames[i]], op.NodeValues[i]);
        }
        Assert.Equal(op.BranchCurrents["v1"], op.BranchValues[1]);
        Near(-2e-3 / 3, op.Current("V1"));
    }

    [Fact]
    public void When_node_names_are_separate_but_equal_strings_Expect_the_same_node()
    {
        // A reader shares one string per node; code may not. Both must land on the same unknown.
        static string Fresh(string text) => new(text.AsSpan());
        var net = new Netlist();
        net.Add(new VoltageSource("V1", Fresh("top"), "0", 10));
        net.Add(new Resistor("R1", Fresh("top"), Fresh("mid"), 1e3));
        net.Add(new Resistor("R2", Fresh("mid"), "0", 1e3));
        net.Add(new Resistor("R3", Fresh("mid"), Fresh("low"), 2e3));
        net.Add(new Resistor("R4", Fresh("low"), "0", 2e3));
        var op = Solve(net);
        Assert.Equal(3, op.NodeVoltages.Count);
        // mid sees 1k || (2k + 2k) = 800 ohms below 1k: 10 * 800 / 1800.
        Near(10 * 800.0 / 1800, op.Voltage("mid"));
        Near(op.Voltage("mid") / 2, op.Voltage("low"));
    }

    [Fact]
    public void When_VoltageDivider_Expect_RatioAndNgspiceBranchSign()
    {
        var net = new Netlist();
        net.Add(new VoltageSource("V1", "IN", "0", 10));
        net.Add(new Resistor("R1", "in", "mid", 1e3));
        net.Add(new Resistor("R2", "mid", "gnd", 3e3));
        var op = Solve(net);
        Near(10, op.NodeVoltages["in"]);
        Near(7.5, op.NodeVoltages["mid"]);
        Near(-2.5e-3, op.BranchCurrents["v1"]); // the source drives current out of its plus terminal
        Assert.Equal(1, op.Iterations);
        Assert.Equal("linear", op.Method);
        Assert.DoesNotContain("0", op.NodeVoltages.Keys);
    }

    [Fact]
    public void When_WheatstoneBridge_Expect_NodalSolution()
    {
        double r1 = 1e3, r2 = 2e3, r3 = 3e3, r4 = 4e3, r5 = 5e3, v = 10;
        var net = new Netlist();
        net.Add(new VoltageSource("v1", "a", "0", v));
        net.Add(new Resistor("r1", "a", "b", r1));
        net.Add(new Resistor("r2", "b", "0", r2));
        net.Add(new Resistor("r3", "a", "c", r3));
        net.Add(new Resistor("r4", "c", "0", r4));
        net.Add(new Resistor("r5", "b", "c", r5));
        var op = Solve(net);
        // Nodal equations for b and c, solved by Cramer's rule.
        double g11 = 1 / r1 + 1 / r2 + 1 / r5, g12 = -1 / r5, g22 = 1 / r3 + 1 / r4 + 1 / r5;
        double i1 = v / r1, i2 = v / r3, det = g11 * g22 - g12 * g12;
        var vb = (i1 * g22 - g12 * i2) / det;
        var vc = (g11 * i2 - g12 * i1) / det;
        Near(vb, op.Voltage("b"));
        Near(vc, op.Voltage("c"));
        Near(-((v - vb) / r1 + (v - vc) / r3), op.Current("v1"));
    }

    [Fact]
    public void When_TwoSourcesDriveNetwork_Expect_Superposition()
    {
        Netlist Build(double volts, double amps)
        {
            var net = new Netlist();
            net.Add(new VoltageSource("v1", "a", "0", volts));
            net.Add(new Resistor("r1", "a", "b", 1e3));
            net.Add(new Resistor("r2", "b", "0", 2.2e3));
            net.Add(new Resistor("r3", "b", "c", 4.7e3));
            net.Add(new Resistor("r4", "c", "0", 10e3));
            net.Add(new CurrentSource("i1", "0", "c", amps));
            return net;
        }
        var both = Solve(Build(5, 1e-3));
        var vOnly = Solve(Build(5, 0));
        var iOnly = Solve(Build(0, 1e-3));
        foreach (var node in new[] { "a", "b", "c" })
        {
            Near(vOnly.Voltage(node) + iOnly.Voltage(node), both.Voltage(node), 1e-12);
        }
        Near(vOnly.Current("v1") + iOnly.Current("v1"), both.Current("v1"), 1e-12);
    }

    [Fact]
    public void When_CurrentSourceFeedsResistor_Expect_OhmsLawWithSpiceDirection()
    {
        var net = new Netlist();
        net.Add(new CurrentSource("i1", "0", "a", 1e-3)); // flows from 0 through the source into a
        net.Add(new Resistor("r1", "a", "0", 1e3));
        Near(1.0, Solve(net).Voltage("a"));
    }

    [Fact]
    public void When_VcvsAmplifiesIntoLoad_Expect_GainAndBranchCurrent()
    {
        var net = new Netlist();
        net.Add(new VoltageSource("v1", "in", "0", 0.7));
        net.Add(new Resistor("rin", "in", "0", 1e3));
        net.Add(new Vcvs("e1", "out", "0", "in", "0", 5));
        net.Add(new Resistor("rl", "out", "0", 2e3));
        var op = Solve(net);
        Near(3.5, op.Voltage("out"));
        Near(-3.5 / 2e3, op.Current("e1"));
        Near(-0.7 / 1e3, op.Current("v1"));
    }

    [Fact]
    public void When_VccsPullsFromNode_Expect_NegativeVoltage()
    {
        var net = new Netlist();
        net.Add(new VoltageSource("v1", "in", "0", 2));
        net.Add(new Vccs("g1", "out", "0", "in", "0", 1e-3)); // 2 mA leave 'out' through the source
        net.Add(new Resistor("rl", "out", "0", 1e3));
        Near(-2.0, Solve(net).Voltage("out"));
    }

    [Fact]
    public void When_SinhMemristorBehindResistor_Expect_HandNewtonSolution()
    {
        const double k = 1e-4, v0 = 0.25, r = 1e3, vs = 1.0;
        var net = new Netlist();
        net.Add(new VoltageSource("v1", "a", "0", vs));
        net.Add(new Resistor("r1", "a", "b", r));
        net.Add(new BehavioralSource("b1", "b", "0", BehavioralKind.Current, Expression.Parse($"{k}*sinh(V(b)/{v0})")));
        var op = Solve(net);
        var vb = Bisect(x => (vs - x) / r - k * Math.Sinh(x / v0), 0, vs);
        Near(vb, op.Voltage("b"), 1e-10);
        Near(-(vs - vb) / r, op.Current("v1"), 1e-10);
        Assert.Equal("newton", op.Method);
    }

    [Fact]
    public void When_NonlinearConductorWithSinhLaw_Expect_SameAsBehavioralSource()
    {
        var law = new SinhLaw(2e-5, 0.3);
        var net = new Netlist();
        net.Add(new VoltageSource("v1", "a", "0", -1.5));
        net.Add(new Resistor("r1", "a", "b", 5e3));
        net.Add(new NonlinearConductor("m1", "b", "c", law));
        net.Add(new Resistor("r2", "c", "0", 1e3));
        var op = Solve(net);
        // Series current i: −1.5 = i·(5k + 1k) + law⁻¹(i).
        var i = Bisect(x => x * 6e3 + law.V0 * Math.Asinh(x / law.K) + 1.5, -1.5 / 6e3, 0);
        Near(-1.5 - i * 5e3, op.Voltage("b"), 1e-10);
        Near(i * 1e3, op.Voltage("c"), 1e-9);
    }

    [Fact]
    public void When_TanhComparatorDrivesLoad_Expect_SaturatedOutput()
    {
        var net = new Netlist();
        net.Add(new VoltageSource("vp", "p", "0", 0.52));
        net.Add(new VoltageSource("vn", "n", "0", 0.5));
        net.Add(new BehavioralSource("bcmp", "out", "0", BehavioralKind.Voltage, Expression.Parse("0.8*tanh(50*(V(p)-V(n)))")));
        net.Add(new Resistor("rl", "out", "0", 1e3));
        var op = Solve(net);
        var vout = 0.8 * Math.Tanh(50 * 0.02);
        Near(vout, op.Voltage("out"), 1e-12);
        Near(-vout / 1e3, op.Current("bcmp"), 1e-12);
    }

    [Fact]
    public void When_DiodeLikeExponentialFromFarStart_Expect_ConvergenceAids()
    {
        // Plain Newton from 0 V overshoots an exp law by volts and then creeps down 25 mV per iteration.
        var net = new Netlist();
        net.Add(new VoltageSource("v1", "a", "0", 5));
        net.Add(new Resistor("r1", "a", "d", 10));
        net.Add(new BehavioralSource("bd", "d", "0", BehavioralKind.Current, Expression.Parse("1e-14*(exp(V(d)/0.025)-1)")));
        var op = Solve(net, new DcOptions { MaxIterations = 50 });
        var vd = Bisect(x => (5 - x) / 10 - 1e-14 * (Math.Exp(x / 0.025) - 1), 0, 1);
        Near(vd, op.Voltage("d"), 1e-9);
        Assert.NotEqual("newton", op.Method);
    }

    [Fact]
    public void When_ParallelVoltageSources_Expect_LoopNamed()
    {
        var net = new Netlist();
        net.Add(new VoltageSource("v1", "a", "0", 1));
        net.Add(new Resistor("r1", "a", "b", 1));
        net.Add(new VoltageSource("v2", "b", "0", 1));
        net.Add(new Vcvs("e1", "a", "b", "a", "0", 1));
        var error = Assert.Throws<BmcnnException>(() => new DcOperatingPoint(net));
        Assert.Contains("loop", error.Message);
        Assert.Contains("'v1'", error.Message);
        Assert.Contains("'v2'", error.Message);
        Assert.Contains("'e1'", error.Message);
    }

    [Fact]
    public void When_VoltageSourceShortedByMergedNode_Expect_ShortNamed()
    {
        var net = new Netlist();
        net.Add(new VoltageSource("v1", "a", "A", 1));
        net.Add(new Resistor("r1", "a", "0", 1));
        var error = Assert.Throws<BmcnnException>(() => new DcOperatingPoint(net));
        Assert.Contains("'v1' is shorted", error.Message);
    }

    [Fact]
    public void When_NodeHasNoDcPath_Expect_FloatingNodesNamed()
    {
        var net = new Netlist();
        net.Add(new VoltageSource("v1", "a", "0", 1));
        net.Add(new Resistor("r1", "a", "0", 1e3));
        net.Add(new Resistor("r2", "x", "y", 1e3));
        net.Add(new Vcvs("e1", "out", "0", "ctl", "0", 2)); // the control node has nothing else
        net.Add(new Resistor("r3", "out", "0", 1e3));
        var error = Assert.Throws<BmcnnException>(() => new DcOperatingPoint(net));
        Assert.Contains("floating nodes 'x', 'y'", error.Message);
        Assert.Contains("1 more isolated group", error.Message);
    }

    [Fact]
    public void When_CurrentSourcesIsolateNodes_Expect_CutSetNamed()
    {
        var net = new Netlist();
        net.Add(new VoltageSource("v1", "a", "0", 1));
        net.Add(new Resistor("r1", "a", "0", 1e3));
        net.Add(new CurrentSource("i1", "a", "b", 1e-3));
        net.Add(new Resistor("r2", "b", "c", 1e3));
        net.Add(new Vccs("g1", "c", "0", "a", "0", 1e-3));
        var error = Assert.Throws<BmcnnException>(() => new DcOperatingPoint(net));
        Assert.Contains("cut-set", error.Message);
        Assert.Contains("'i1', 'g1'", error.Message);
        Assert.Contains("'b', 'c'", error.Message);
    }

    [Fact]
    public void When_ExpressionReadsUnknownNode_Expect_NodeNamed()
    {
        var net = new Netlist();
        net.Add(new VoltageSource("v1", "a", "0", 1));
        net.Add(new BehavioralSource("b1", "a", "0", BehavioralKind.Current, Expression.Parse("V(nowhere)")));
        var error = Assert.Throws<BmcnnException>(() => new DcOperatingPoint(net));
        Assert.Contains("'nowhere'", error.Message);
        Assert.Contains("'b1'", error.Message);
    }

    [Fact]
    public void When_MatrixIsSingular_Expect_UnknownNamed()
    {
        var net = new Netlist();
        net.Add(new Vcvs("e1", "out", "0", "out", "0", 1)); // V(out) = V(out): no equation pins the node
        net.Add(new Resistor("r1", "out", "0", 1e3));
        var error = Assert.Throws<Bmcnn.Circuit.Algebra.SingularMatrixException>(() => Solve(net));
        Assert.Matches("node 'out'|branch current of 'e1'", error.Message);
    }

    [Fact]
    public void When_NewtonCannotConverge_Expect_WorstNodeNamed()
    {
        // 2 mA into a node whose only exit saturates at 1 mA: there is no operating point.
        var net = new Netlist();
        net.Add(new CurrentSource("i1", "0", "a", 2e-3));
        net.Add(new BehavioralSource("b1", "a", "0", BehavioralKind.Current, Expression.Parse("1m*tanh(V(a))")));
        var error = Assert.ThrowsAny<BmcnnException>(() => Solve(net, new DcOptions { MaxIterations = 20 }));
        Assert.Contains("node 'a'", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("ln(V(a))", "V(a) = 0")]
    [InlineData("1/V(a)", "V(a) = 0")]
    [InlineData("exp(1000*V(a))", "V(a) = 1")]
    public void When_ExpressionIsNotFinite_Expect_ElementAndVoltagesNamed(string expression, string where)
    {
        var net = new Netlist();
        net.Add(new VoltageSource("v1", "a", "0", 1));
        net.Add(new BehavioralSource("b1", "o", "0", BehavioralKind.Voltage, Expression.Parse(expression)));
        net.Add(new Resistor("r1", "o", "0", 1e3));
        if (expression.StartsWith("exp"))
        {
            net = new Netlist();
            net.Add(new VoltageSource("v1", "a", "0", 1));
            net.Add(new BehavioralSource("b1", "a", "0", BehavioralKind.Current, Expression.Parse(expression)));
        }
        var error = Assert.Throws<BmcnnException>(() => Solve(net));
        Assert.Contains("element 'b1'", error.Message);
        Assert.Contains(where, error.Message);
    }

    [Fact]
    public void When_SourceValueChangesBetweenSolves_Expect_NewSolution()
    {
        var net = new Netlist();
        var v1 = net.Add(new VoltageSource("v1", "a", "0", 1));
        net.Add(new Resistor("r1", "a", "b", 1e3));
        net.Add(new Resistor("r2", "b", "0", 1e3));
        var dc = new DcOperatingPoint(net);
        Near(0.5, dc.Solve().Voltage("b"));
        v1.Voltage = 3;
        Near(1.5, dc.Solve().Voltage("b"));
    }
}
