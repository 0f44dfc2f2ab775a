using System.Globalization;
using System.Text;
using Bmcnn.Circuit;
using Bmcnn.Devices.Dynamic;

namespace Bmcnn.Devices.Programming;

/// <summary>
/// The pulses of a programming run as a SPICE netlist (ngspice and <c>bmcnn simulate</c> read it): the crossbar with
/// the same wires and nodes as <see cref="Bmcnn.Circuit.Crossbars.Crossbar"/> (<c>r&lt;i&gt;_&lt;j&gt;</c>, <c>c&lt;i&gt;_&lt;j&gt;</c>,
/// row sources at column 0, column sources at the last row), one <c>vteam</c> instance per crosspoint with its own
/// start state and speeds, and one PWL source per line replaying the pulses back to back (each followed by an idle gap
/// of one edge at 0 V; reads are left out, they cannot move a state). Ends with <c>.tran ... UIC</c> over the pulses.
/// </summary>
public static class ProgrammingNetlist
{
    /// <summary>Start time of each of the first <paramref name="pulses"/> pulses of <paramref name="run"/>, and the end time.</summary>
    public static (double[] Starts, double End) Timeline(ProgrammingRun run, int pulses)
    {
        ArgumentNullException.ThrowIfNull(run);
        var starts = new double[pulses];
        double t = 0;
        for (var p = 0; p < pulses; p++)
        {
            starts[p] = t;
            var pulse = run.Log[p].IsSet ? run.Setup.Set : run.Setup.Reset;
            t += pulse.Duration + pulse.Edge;
        }
        return (starts, t);
    }

    /// <summary>Writes the first <paramref name="pulses"/> pulses (all when null) of <paramref name="run"/> as netlist text.</summary>
    /// <exception cref="BmcnnException">When <paramref name="pulses"/> is not between 1 and the pulses of the run.</exception>
    public static string Write(ProgrammingRun run, int? pulses = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var count = pulses ?? run.Log.Count;
        if (count < 1 || count > run.Log.Count)
        {
            throw new BmcnnException($"--netlist-pulses: the run has {run.Log.Count} pulses, cannot export {count}");
        }
        var setup = run.Setup;
        var model = setup.Model;
        int m = run.Rows, n = run.Columns;
        var idealRows = setup.RowWireOhms == 0;
        var idealColumns = setup.ColumnWireOhms == 0;
        string Row(int i, int j) => idealRows ? $"r{i}" : $"r{i}_{j}";
        string Column(int i, int j) => idealColumns ? $"c{j}" : $"c{i}_{j}";
        var sb = new StringBuilder();
        sb.Append(Invariant($"* bmcnn program: {m}x{n} VTEAM crossbar, {setup.Scheme} scheme, first {count} of {run.Log.Count} pulses\n"));
        sb.Append(Invariant($"* set {setup.Set.Amplitude} V x {setup.Set.Width} s, reset {setup.Reset.Amplitude} V x {setup.Reset.Width} s, "));
        sb.Append(Invariant($"edges width/10, wires {setup.RowWireOhms}/{setup.ColumnWireOhms} ohm per segment\n"));
        sb.Append(VteamSubcircuit.Text);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var k = i * n + j;
                sb.Append(Invariant($"x{i}_{j} {Row(i, j)} {Column(i, j)} vteam ron={model.ROn:R} roff={model.ROff:R} d={model.D:R} "));
                sb.Append(Invariant($"kon={model.KOn * run.OnScale[k]:R} koff={model.KOff * run.OffScale[k]:R} aon={model.AOn:R} "));
                sb.Append(Invariant($"aoff={model.AOff:R} von={model.VOn:R} voff={model.VOff:R} pw={model.P:R} s0={run.InitialStates[k]:R}\n"));
            }
        }
        if (!idealRows)
        {
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j + 1 < n; j++) sb.Append(Invariant($"rwr{i}_{j} {Row(i, j)} {Row(i, j + 1)} {setup.RowWireOhms:R}\n"));
            }
        }
        if (!idealColumns)
        {
            for (var j = 0; j < n; j++)
            {
                for (var i = 0; i + 1 < m; i++) sb.Append(Invariant($"rwc{i}_{j} {Column(i, j)} {Column(i + 1, j)} {setup.ColumnWireOhms:R}\n"));
            }
        }
        var (starts, end) = Timeline(run, count);
        for (var i = 0; i < m; i++)
        {
            var row = i;
            Source(sb, $"vr{i}", Row(i, 0), run, starts, count, (pulse, bias) => pulse.Row == row ? bias.Row : bias.OtherRows);
        }
        for (var j = 0; j < n; j++)
        {
            var column = j;
            Source(sb, $"vc{j}", Column(m - 1, j), run, starts, count,
                (pulse, bias) => Array.BinarySearch(pulse.Columns, column) >= 0 ? bias.Column : bias.OtherColumns);
        }
        var shortest = Math.Min(setup.Set.Width, setup.Reset.Width);
        sb.Append(Invariant($".tran {shortest / 10:R} {end:R} 0 {shortest / 5:R} uic\n"));
        sb.Append(".end\n");
        return sb.ToString();
    }

    private static void Source(StringBuilder sb, string name, string node, ProgrammingRun run, double[] starts, int count,
        Func<AppliedPulse, (double Row, double OtherRows, double Column, double OtherColumns), double> level)
    {
        sb.Append(Invariant($"{name} {node} 0 PWL(0 0\n"));
        for (var p = 0; p < count; p++)
        {
            var applied = run.Log[p];
            var pulse = applied.IsSet ? run.Setup.Set : run.Setup.Reset;
            var v = level(applied, run.Setup.Bias(pulse.Amplitude));
            var t = starts[p];
            if (p > 0) sb.Append(Invariant($"+ {t:R} 0\n"));
            sb.Append(Invariant($"+ {t + pulse.Edge:R} {v:R} {t + pulse.Edge + pulse.Width:R} {v:R} {t + pulse.Duration:R} 0\n"));
        }
        sb.Append("+ )\n");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
