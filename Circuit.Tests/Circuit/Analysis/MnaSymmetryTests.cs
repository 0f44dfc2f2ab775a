using Bmcnn.Circuit;
using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Tests.Circuit.Analysis;

/// <summary>Which MNA matrices the factorization treats as symmetric (L·D·Lᵀ) and which as general (LU).</summary>
public class MnaSymmetryTests
{
    /// <summary>A small crossbar: driven rows, wire segments, devices, columns held at 0 V by sources.</summary>
    private static Netlist Crossbar(int rows, int cols, bool sinhDevices)
    {
        var net = new Netlist();
        var random = new Random(rows * 31 + cols);
        for (var i = 0; i < rows; i++)
        {
            net.Add(new VoltageSource($"VIN{i}", $"in{i}", "0", random.Next(2) == 0 ? 0.2 : -0.2));
            net.Add(new Resistor($"RD{i}", $"in{i}", $"r{i}_0", 10));
            for (var j = 0; j < cols; j++)
            {
                if (j + 1 < cols) net.Add(new Resistor($"RR{i}_{j}", $"r{i}_{j}", $"r{i}_{j + 1}", 2.5));
                if (i + 1 < rows) net.Add(new Resistor($"RC{i}_{j}", $"c{i}_{j}", $"c{i + 1}_{j}", 2.5));
                double ohms = random.Next(2) == 0 ? 1e4 : 1e5;
                if (sinhDevices) net.Add(new NonlinearConductor($"XM{i}_{j}", $"r{i}_{j}", $"c{i}_{j}", SinhLaw.Calibrated(ohms, 0.2, 0.25)));
                else net.Add(new Resistor($"RM{i}_{j}", $"r{i}_{j}", $"c{i}_{j}", ohms));
            }
        }
        for (var j = 0; j < cols; j++) net.Add(new VoltageSource($"VCOL{j}", $"c{rows - 1}_{j}", "0", 0));
        return net;
    }

    private static SparseLu FactorAt(MnaSystem system, double[] solution, double gmin)
    {
        system.Refresh();
        system.Load(solution, 1, gmin, new double[system.Size]);
        return system.Factor();
    }

    [Fact]
    public void When_circuit_is_reciprocal_Expect_symmetric_factorization_also_for_newton_jacobians_and_gmin()
    {
        var linear = new MnaSystem(Crossbar(6, 5, sinhDevices: false));
        Assert.True(FactorAt(linear, new double[linear.Size], 0).IsSymmetricFactorization);

        var nonlinear = new MnaSystem(Crossbar(6, 5, sinhDevices: true));
        var point = new double[nonlinear.Size];
        var random = new Random(3);
        for (var i = 0; i < nonlinear.NodeCount; i++) point[i] = 0.4 * random.NextDouble() - 0.2;
        var lu = FactorAt(nonlinear, point, 1e-3);
        Assert.True(lu.IsSymmetricFactorization);
        Assert.True(FactorAt(nonlinear, new double[nonlinear.Size], 0).IsSymmetricFactorization);
        Assert.Equal(2, lu.SymmetricFactorizations);
    }

    [Fact]
    public void When_circuit_has_a_controlled_source_Expect_lu_path_and_hand_computed_voltages()
    {
        // A VCCS makes the matrix unsymmetric: i(out) = 0.01·V(a) into a 100 Ω load, so V(out) = -V(a)·0.01·100.
        var net = new Netlist();
        net.Add(new VoltageSource("V1", "in", "0", 1));
        net.Add(new Resistor("R1", "in", "a", 1e3));
        net.Add(new Resistor("R2", "a", "0", 1e3));
        net.Add(new Vccs("G1", "out", "0", "a", "0", 0.01));
        net.Add(new Resistor("RL", "out", "0", 100));
        var system = new MnaSystem(net);
        var lu = FactorAt(system, new double[system.Size], 0);
        Assert.False(lu.IsSymmetricFactorization);
        var op = new DcOperatingPoint(net).Solve();
        Assert.Equal(0.5, op.NodeVoltages["a"], 12);
        Assert.Equal(-0.5, op.NodeVoltages["out"], 12);
    }
}
