using Bmcnn.Circuit.Analysis;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Crossbars;

/// <summary>The power side of a crossbar: input admittance and the exact split of its dissipation.</summary>
public sealed partial class Crossbar
{
    /// <summary>
    /// The tile's transfer matrix (exactly as <see cref="TransferMatrix"/> computes it) together with its power forms
    /// (<see cref="CrossbarResponse"/>), from the same factorization: one solve per row gives every node voltage for
    /// a unit drive of that row, hence the driver currents (Y) and every resistor's voltage per input volt.
    /// Needs ohmic devices.
    /// </summary>
    /// <exception cref="BmcnnException">When the tile has nonlinear devices or a negative conductance.</exception>
    public CrossbarResponse Response()
    {
        if (!Spec.IsOhmic)
        {
            throw new BmcnnException("crossbar: power forms need ohmic devices (this tile has nonlinear I-V laws)");
        }
        var lu = FactorLinear();
        var system = Compiled().System;
        int m = Rows, n = Columns;
        // With m ≤ n the transfer matrix comes from the same forward solves as below (same numbers as TransferMatrix).
        var transfer = m <= n ? new double[m, n] : Transfer(lu);
        var outputUnknowns = Spec.ColumnTermination == ColumnTermination.VirtualGround
            ? _terminations.Select(s => system.BranchIndex[s]).ToArray()
            : _columnEnds.Select(node => system.NodeIndex[node]).ToArray();
        var outputScale = Spec.ColumnTermination == ColumnTermination.VirtualGround ? 1 : 1 / Spec.SenseOhms;
        var g = Spec.Conductances!;
        var devices = new List<(int Plus, int Minus, double Scale)>(m * n);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (g[i, j] < 0) throw new BmcnnException($"crossbar: power forms need non-negative conductances, [{i},{j}] is {g[i, j]}");
                if (g[i, j] > 0) devices.Add((Unknown(RowNode(i, j)), Unknown(ColumnNode(i, j)), Math.Sqrt(g[i, j])));
            }
        }
        var drivers = Spec.DriverOhms > 0
            ? Enumerable.Range(0, m).Select(i => (Unknown($"in{i}"), Unknown(RowNode(i, 0)), Math.Sqrt(1 / Spec.DriverOhms))).ToList()
            : [];
        var senses = Spec.ColumnTermination == ColumnTermination.SenseResistor
            ? _columnEnds.Select(node => (Unknown(node), -1, Math.Sqrt(1 / Spec.SenseOhms))).ToList()
            : [];
        var inputUnknowns = _inputSources.Select(s => system.BranchIndex[s]).ToArray();
        var admittance = new double[m * m];
        var deviceVolts = Buffer(m, devices.Count);
        var driverVolts = Buffer(m, drivers.Count);
        var senseVolts = Buffer(m, senses.Count);
        var work = new double[system.Size];
        for (var i = 0; i < m; i++)
        {
            Array.Clear(work);
            work[inputUnknowns[i]] = 1;
            lu.Solve(work);
            if (m <= n)
            {
                for (var j = 0; j < n; j++) transfer[i, j] = outputScale * work[outputUnknowns[j]];
            }
            for (var k = 0; k < m; k++)
            {
                admittance[k * m + i] = -work[inputUnknowns[k]]; // the branch current flows into the plus terminal
            }
            Scatter(devices, work, deviceVolts, i, m);
            Scatter(drivers, work, driverVolts, i, m);
            Scatter(senses, work, senseVolts, i, m);
        }
        return new CrossbarResponse(m, transfer, admittance, GramMatrix.Of(deviceVolts, m, devices.Count),
            GramMatrix.Of(driverVolts, m, drivers.Count), GramMatrix.Of(senseVolts, m, senses.Count));
    }

    /// <summary>
    /// The power of a solved read, element by element from the operating point: Σ V·I of the input sources, and
    /// I·ΔV of every device (ohmic or nonlinear), wire segment, driver and sense resistor. Works for any device law.
    /// </summary>
    public CrossbarPower Power(OperatingPoint op)
    {
        ArgumentNullException.ThrowIfNull(op);
        double delivered = 0, devices = 0, wires = 0, drivers = 0, terminations = 0;
        foreach (var element in Netlist.Elements)
        {
            var nodes = element.Nodes;
            switch (element)
            {
                case VoltageSource source when source.Name.StartsWith("vin", StringComparison.Ordinal):
                    delivered += source.Voltage * -op.Current(source.Name); // branch current flows into the plus terminal
                    break;
                case Resistor r:
                    var dv = op.Voltage(nodes[0]) - op.Voltage(nodes[1]);
                    var p = dv * dv / r.Resistance;
                    if (r.Name.StartsWith("rx", StringComparison.Ordinal)) devices += p;
                    else if (r.Name.StartsWith("rw", StringComparison.Ordinal)) wires += p;
                    else if (r.Name.StartsWith("rdrv", StringComparison.Ordinal)) drivers += p;
                    else terminations += p;
                    break;
                case NonlinearConductor b:
                    var v = op.Voltage(nodes[0]) - op.Voltage(nodes[1]);
                    devices += v * b.Law.Current(v);
                    break;
            }
        }
        return new CrossbarPower(delivered, devices, wires, drivers, terminations);
    }

    private static double[] Buffer(int m, int branches)
    {
        var (rows, stride) = GramMatrix.Layout(m, branches);
        return new double[rows * stride];
    }

    // Writes sqrt(g)·(V(plus) − V(minus)) of every branch for a unit drive of input i into row i of the Gram buffer.
    private static void Scatter(List<(int Plus, int Minus, double Scale)> branches, double[] x, double[] target, int i, int m)
    {
        var stride = GramMatrix.Layout(m, branches.Count).Stride;
        for (var b = 0; b < branches.Count; b++)
        {
            var (plus, minus, scale) = branches[b];
            target[i * stride + b] = scale * ((plus >= 0 ? x[plus] : 0) - (minus >= 0 ? x[minus] : 0));
        }
    }

    private int Unknown(string node) => Compiled().System.NodeIndex.TryGetValue(node, out var index) ? index : -1;

    private string RowNode(int i, int j) => Spec.RowWireOhms == 0 ? $"r{i}" : $"r{i}_{j}";

    private string ColumnNode(int i, int j) => Spec.ColumnWireOhms == 0 ? $"c{j}" : $"c{i}_{j}";
}
