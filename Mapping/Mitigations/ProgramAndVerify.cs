using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;

namespace Bmcnn.Mapping.Mitigations;

/// <summary>
/// Program-and-verify (the <c>verify[:TOL]</c> mitigation): after open-loop programming, every device is read back
/// and, while its resistance is outside ±TOL of its target (R_ON or R_OFF), re-programmed, each attempt a fresh draw
/// from the device-to-device distribution (one extra pulse), up to <see cref="MaxPulses"/> extra pulses per device.
/// A stuck device does not move: it uses up the budget if it is out of tolerance and keeps its resistance.
/// <para>
/// The devices of a programmed tile are only stored as cell sums, so this replays the documented programming order of
/// <see cref="LayerProgramming"/> (stream (seed, layer, tile); cells row by row, column by column; k devices per cell,
/// a reference cell's k ON then k OFF; each device's fault draw first, see <see cref="DeviceSampler"/>) to recover each
/// device, and checks the replay reproduces every cell exactly before changing anything.
/// </para>
/// </summary>
public static class ProgramAndVerify
{
    /// <summary>Extra pulses a device may take before the verify loop gives up on it.</summary>
    public const int MaxPulses = 50;

    private const ulong StreamKey = 0x5645524946590001UL; // "VERIFY": keeps re-draws apart from programming draws

    /// <summary>Verifies every device of <paramref name="network"/> in place, returning the pulse count.</summary>
    /// <exception cref="InvalidOperationException">The replay does not reproduce the programmed tiles (programming order changed).</exception>
    public static VerifyReport Apply(MappedNetwork network, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), "tolerance must be positive");
        }
        var spec = network.Spec;
        var sampler = new DeviceSampler(spec);
        var redraw = new DeviceSampler(spec with { StuckOn = 0, StuckOff = 0 });
        long devices = 0, pulses = 0, outOfTolerance = 0, unverified = 0;
        var gate = new object();
        foreach (var layer in network.Layers)
        {
            var weights = layer.Block.Weighted.Weights;
            var flipped = new bool[layer.Plan.Neurons];
            for (var n = 0; n < layer.Thresholds.Count; n++)
            {
                flipped[n] = layer.Thresholds[n].Inverted;
            }
            Parallel.For(0, layer.Tiles.Count, t =>
            {
                var counts = VerifyTile(layer, t, weights, flipped, sampler, redraw, network.Seed, tolerance);
                lock (gate)
                {
                    devices += counts.Devices;
                    pulses += counts.ExtraPulses;
                    outOfTolerance += counts.OutOfTolerance;
                    unverified += counts.Unverified;
                }
            });
        }
        return new VerifyReport(devices, pulses, outOfTolerance, unverified);
    }

    private static VerifyReport VerifyTile(MappedLayer layer, int t, sbyte[] weights, bool[] flipped,
        DeviceSampler sampler, DeviceSampler redraw, ulong seed, double tolerance)
    {
        var tile = layer.Tiles[t];
        var plan = layer.Plan;
        var spec = sampler.Spec;
        var k = spec.Redundancy;
        var stuckAny = spec.StuckOn + spec.StuckOff;
        var random = RandomStream.For(seed, layer.Index, t);
        var verify = RandomStream.For(seed ^ StreamKey, layer.Index, t);
        var differential = tile.Scheme == WeightScheme.Differential;
        var columns = tile.Columns;
        var g = tile.Conductances;
        var squares = tile.SquareSums;
        long devices = 0, pulses = 0, outOfTolerance = 0, unverified = 0;
        for (var i = 0; i < tile.RowCount; i++)
        {
            var row = tile.RowStart + i;
            for (var j = 0; j < tile.NeuronCount; j++)
            {
                var neuron = tile.NeuronStart + j;
                var positive = weights[neuron * plan.Rows + row] > 0 != flipped[neuron];
                if (differential)
                {
                    Cell(i * columns + 2 * j, positive, positive, ref random, ref verify);
                    Cell(i * columns + 2 * j + 1, !positive, !positive, ref random, ref verify);
                }
                else
                {
                    Cell(i * columns + j, positive, positive, ref random, ref verify);
                }
            }
            if (!differential)
            {
                Cell(i * columns + tile.NeuronCount, true, false, ref random, ref verify);
            }
        }
        return new VerifyReport(devices, pulses, outOfTolerance, unverified);

        void Cell(int index, bool first, bool second, ref RandomStream random, ref RandomStream verify)
        {
            double replayed = 0, sum = 0, sumSquares = 0;
            var count = first == second ? k : 2 * k;
            for (var d = 0; d < count; d++)
            {
                var on = d < k ? first : second;
                var peek = random; // RandomStream is a value: a copy reads the fault draw without consuming it
                var u = peek.NextDouble();
                var stuck = u < stuckAny;
                var r = sampler.Resistance(on, ref random);
                replayed += 1 / r;
                var target = on ? spec.ROn : spec.ROff;
                devices++;
                if (Math.Abs(r / target - 1) > tolerance)
                {
                    outOfTolerance++;
                    if (stuck)
                    {
                        pulses += MaxPulses;
                        unverified++;
                    }
                    else
                    {
                        var attempts = 0;
                        while (Math.Abs(r / target - 1) > tolerance && attempts < MaxPulses)
                        {
                            r = redraw.Resistance(on, ref verify);
                            attempts++;
                        }
                        pulses += attempts;
                        if (Math.Abs(r / target - 1) > tolerance)
                        {
                            unverified++;
                        }
                    }
                }
                var c = 1 / r;
                sum += c;
                sumSquares += c * c;
            }
            if (replayed != g[index])
            {
                throw new InvalidOperationException(
                    $"program-and-verify: replay of {tile.Layer} tile {t} cell {index} gives {replayed} S, the tile holds {g[index]} S " +
                        $"(LayerProgramming's order changed?)");
            }
            g[index] = sum;
            if (squares is not null)
            {
                squares[index] = sumSquares;
            }
        }
    }
}
