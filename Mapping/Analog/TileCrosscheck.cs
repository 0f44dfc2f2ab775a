using Bmcnn.Circuit.Crossbars;
using Bmcnn.Mapping.Compile;
using Bmcnn.Netlists;

namespace Bmcnn.Mapping.Analog;

/// <summary>
/// Compares, on one real tile driven by one real input, the column currents of: our circuit engine (DC operating
/// point), the tile's transfer matrix, ngspice (optional), and the behavioral ideal-wire sum Σ V·G, whose distance to
/// the circuit is the tile's IR-drop error.
/// </summary>
public static class TileCrosscheck
{
    /// <summary>
    /// Runs the comparisons for one tile and its row voltages; <paramref name="ngspiceTimeout"/> bounds the ngspice run
    /// (null = the runner's default): ngspice's own sparse solver needs minutes for a full 128×128 tile with wires.
    /// </summary>
    public static TileComparison Run(MappedNetwork network, ProgrammedTile tile, int image, double[] volts, bool ngspice,
        TimeSpan? ngspiceTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(tile);
        var spec = network.Spec;
        var crossbar = TileCircuit.Build(tile, spec, volts);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var op = crossbar.Solve();
        var ours = crossbar.ColumnCurrents(op);
        var enginePower = crossbar.Power(op).Delivered;
        var engineSeconds = watch.Elapsed.TotalSeconds;

        var behavioral = new double[tile.Columns];
        for (var i = 0; i < tile.RowCount; i++)
        {
            for (var j = 0; j < tile.Columns; j++)
            {
                behavioral[j] += volts[i] * EffectiveConductance(tile, spec, i, j, volts[i]);
            }
        }
        var irDrop = MaxAbsDifference(ours, behavioral) / Math.Max(MaxAbs(behavioral), double.Epsilon);

        double transfer = double.NaN, watts = enginePower, powerForms = double.NaN;
        if (crossbar.Spec.IsOhmic)
        {
            var response = TileCircuit.Response(tile, spec);
            var t = TileCircuit.Flatten(response.Transfer);
            watts = CrossbarResponse.Evaluate(response.Admittance, volts);
            powerForms = Math.Abs(watts - enginePower) / Math.Max(Math.Abs(enginePower), double.Epsilon);
            var predicted = new double[tile.Columns];
            for (var i = 0; i < tile.RowCount; i++)
                for (var j = 0; j < tile.Columns; j++)
                    predicted[j] += volts[i] * t[i * tile.Columns + j];
            transfer = MaxRelative(predicted, ours);
        }

        double spice = double.NaN, spiceSeconds = double.NaN, powerSpice = double.NaN;
        if (ngspice)
        {
            watch.Restart();
            var result = NgspiceRunner.Run(crossbar.Netlist, ngspiceTimeout);
            spiceSeconds = watch.Elapsed.TotalSeconds;
            var theirs = new double[tile.Columns];
            for (var j = 0; j < tile.Columns; j++)
            {
                theirs[j] = crossbar.Spec.ColumnTermination == ColumnTermination.VirtualGround
                    ? result.BranchCurrents[crossbar.ColumnTerminations[j]]
                    : result.NodeVoltages[crossbar.ColumnEndNodes[j]] / crossbar.Spec.SenseOhms;
            }
            spice = MaxRelative(ours, theirs);
            var spicePower = 0.0;
            for (var i = 0; i < volts.Length; i++)
            {
                spicePower += volts[i] * -result.BranchCurrents[crossbar.InputSources[i]]; // SPICE: current into the plus terminal
            }
            powerSpice = Math.Abs(watts - spicePower) / Math.Max(Math.Abs(spicePower), double.Epsilon);
        }
        return new TileComparison(tile.Layer, tile.Index, image, tile.RowCount, tile.Columns, spice, transfer, irDrop, engineSeconds, spiceSeconds,
            watts, powerForms, powerSpice);
    }

    // The current per volt a cell passes when it sees its full row voltage (ideal wires, virtual ground).
    private static double EffectiveConductance(ProgrammedTile tile, Bmcnn.Devices.DeviceSpec spec, int i, int j, double volts)
    {
        var g = tile.Conductances[i * tile.Columns + j];
        if (spec.Nonlinearity == Bmcnn.Devices.Nonlinearity.Ohmic || volts == 0) return g;
        return g * spec.VRead * Math.Sinh(volts / spec.V0) / Math.Sinh(spec.VRead / spec.V0) / volts;
    }

    /// <summary>Largest |a − b| / |b| over the entries, with |b| floored at 1e-6 of the largest |b|.</summary>
    public static double MaxRelative(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var floor = 1e-6 * MaxAbs(b);
        var worst = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            worst = Math.Max(worst, Math.Abs(a[j] - b[j]) / Math.Max(Math.Abs(b[j]), Math.Max(floor, double.Epsilon)));
        }
        return worst;
    }

    private static double MaxAbs(ReadOnlySpan<double> a)
    {
        var m = 0.0;
        foreach (var x in a) m = Math.Max(m, Math.Abs(x));
        return m;
    }

    private static double MaxAbsDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var m = 0.0;
        for (var j = 0; j < a.Length; j++) m = Math.Max(m, Math.Abs(a[j] - b[j]));
        return m;
    }
}
