using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Mapping.Mitigations;

namespace Bmcnn.Tests.Mapping.Mitigations;

public class WiredWeightsTests
{
    private static float[] Signs(int n) => Enumerable.Range(0, n).Select(i => i % 3 == 0 ? -1f : 1f).ToArray();

    private static DeviceSpec Small(double wireOhms) => DevicePresets.Rram.Spec with
    {
        RWireRow = wireOhms,
        RWireColumn = wireOhms,
        TileRows = 16,
        TileColumns = 16,
    };

    [Fact]
    public void When_wires_are_ideal_Expect_effective_weights_equal_signs()
    {
        var w = Signs(40 * 12);
        new WiredWeights(Small(0), 10).Perturb(0, 40, 12, w, 0);
        Assert.Equal(Signs(40 * 12).Select(v => (double)v), w.Select(v => (double)v), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void When_wires_resist_Expect_effective_weights_of_the_circuit_transfer_matrix()
    {
        // Reference: the same signs programmed as a layer and solved by the circuit engine's transfer matrices.
        const int rows = 40, neurons = 12;
        var spec = Small(20);
        var w = Signs(rows * neurons);
        new WiredWeights(spec, 10).Perturb(2, rows, neurons, w, 0);
        var plan = new TilePlan("t", rows, neurons, spec);
        var tiles = LayerProgramming.Program(plan, 2, Signs(rows * neurons).Select(v => (sbyte)v).ToArray(), new bool[neurons],
            new DeviceSampler(spec), 0);
        var response = new double[rows * neurons];
        foreach (var tile in tiles) tile.AddNeuronResponse(TileCircuit.TransferMatrix(tile, spec), response, neurons);
        for (var n = 0; n < neurons; n++)
        {
            for (var r = 0; r < rows; r++)
            {
                Assert.Equal(response[r * neurons + n] / (spec.GOn - spec.GOff), w[n * rows + r], 5);
            }
        }
        // IR drop shrinks the weights on average; a cell's neighbours can lift a single one slightly above 1.
        Assert.All(w, v => Assert.InRange(Math.Abs(v), 0.3, 1.01));
        Assert.InRange(w.Average(v => Math.Abs(v)), 0.3, 0.99);
    }

    [Fact]
    public void When_steps_pass_Expect_gains_held_until_the_refresh()
    {
        var spec = Small(20);
        var wires = new WiredWeights(spec, 5);
        var first = Signs(40 * 12);
        wires.Perturb(0, 40, 12, first, 0);
        var flipped = Signs(40 * 12).Select(v => -v).ToArray();
        wires.Perturb(0, 40, 12, flipped, 4);
        Assert.Equal(first.Select(v => -(double)v), flipped.Select(v => (double)v), (a, b) => Math.Abs(a - b) < 1e-12);
        var refreshed = Signs(40 * 12).Select(v => -v).ToArray();
        wires.Perturb(0, 40, 12, refreshed, 5);
        Assert.NotEqual(flipped, refreshed);
    }

    [Fact]
    public void When_refresh_is_not_positive_or_devices_are_sinh_Expect_one_line_error()
    {
        Assert.Throws<BmcnnException>(() => new WiredWeights(Small(1), 0));
        var sinh = Assert.Throws<BmcnnException>(() => new WiredWeights(Small(1) with { Nonlinearity = Nonlinearity.Sinh }, 5));
        Assert.Contains("nonlinearity", sinh.Message, StringComparison.Ordinal);
    }
}
