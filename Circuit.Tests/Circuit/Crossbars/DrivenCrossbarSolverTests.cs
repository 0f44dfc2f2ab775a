using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Crossbars;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Tests.Circuit.Crossbars;

/// <summary>The line-relaxation solver against the engine's sparse DC solve of the same netlist.</summary>
public class DrivenCrossbarSolverTests
{
    [Theory]
    [InlineData(1.0, 2.0)]
    [InlineData(0.0, 1.5)]
    [InlineData(2.5, 0.0)]
    public void When_rows_and_columns_are_driven_Expect_the_engine_node_voltages_and_source_power(double rowWire, double columnWire)
    {
        const int m = 6, n = 5;
        var random = RandomStream.For(7, m, n);
        var g = new double[m * n];
        for (var k = 0; k < g.Length; k++) g[k] = random.NextDouble() < 0.5 ? 1e-4 : 1e-5 * (1 + random.NextDouble());
        var rows = Enumerable.Range(0, m).Select(i => i == 2 ? -0.3 : -0.15).ToArray();
        var columns = Enumerable.Range(0, n).Select(j => j % 2 == 0 ? 0 : -0.15).ToArray();

        var solver = new DrivenCrossbarSolver(m, n, rowWire, columnWire);
        var v = new double[m * n];
        var power = solver.Solve(g, rows, columns, v);

        string Row(int i, int j) => rowWire == 0 ? $"r{i}" : $"r{i}_{j}";
        string Column(int i, int j) => columnWire == 0 ? $"c{j}" : $"c{i}_{j}";
        var netlist = new Netlist();
        for (var i = 0; i < m; i++) netlist.Add(new VoltageSource($"vr{i}", Row(i, 0), "0", rows[i]));
        for (var j = 0; j < n; j++) netlist.Add(new VoltageSource($"vc{j}", Column(m - 1, j), "0", columns[j]));
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                netlist.Add(new Resistor($"rx{i}_{j}", Row(i, j), Column(i, j), 1 / g[i * n + j]));
                if (rowWire > 0 && j + 1 < n) netlist.Add(new Resistor($"rwr{i}_{j}", Row(i, j), Row(i, j + 1), rowWire));
                if (columnWire > 0 && i + 1 < m) netlist.Add(new Resistor($"rwc{i}_{j}", Column(i, j), Column(i + 1, j), columnWire));
            }
        }
        var op = new DcOperatingPoint(netlist).Solve();
        double enginePower = 0;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var expected = op.Voltage(Row(i, j)) - op.Voltage(Column(i, j));
                Assert.Equal(expected, v[i * n + j], 12);
                enginePower += expected * expected * g[i * n + j];
            }
        }
        // Tellegen: the sources deliver what the devices and wires dissipate; the engine's source currents agree.
        double sourcePower = 0;
        for (var i = 0; i < m; i++) sourcePower -= rows[i] * op.Current($"vr{i}");
        for (var j = 0; j < n; j++) sourcePower -= columns[j] * op.Current($"vc{j}");
        Assert.Equal(sourcePower, power, 12);
        Assert.True(power >= enginePower * (1 - 1e-9), $"source power {power} W below the device dissipation {enginePower} W");
        for (var j = 0; j < n; j++) Assert.Equal(op.Current($"vc{j}"), solver.ColumnCurrent(g, j), 12);
    }

    [Fact]
    public void When_sizes_are_not_positive_Expect_a_one_line_error()
    {
        var ex = Assert.Throws<BmcnnException>(() => new DrivenCrossbarSolver(0, 4, 1, 1));
        Assert.Contains("positive rows and columns", ex.Message);
    }
}
