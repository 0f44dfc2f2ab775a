using Bmcnn.Devices;
using Bmcnn.Mapping.Analog;
using Bmcnn.Mapping.Compile;
using Bmcnn.Tests.Study.Sweeps;

namespace Bmcnn.Tests.Mapping.Analog;

public class TransferMatrixCacheTests
{
    private static DeviceSpec Small(double wireOhms, double sigma = 0) => DevicePresets.Rram.Spec with
    {
        RWireRow = wireOhms,
        RWireColumn = wireOhms,
        TileRows = 32,
        TileColumns = 16,
        SigmaOn = sigma,
        SigmaOff = sigma,
    };

    // fc1 of the small LeNet: 128 inputs, 24 neurons, cut into 32×16 tiles.
    private static MappedLayer Layer(DeviceSpec spec, ulong seed) => MappedNetwork.Program(StudyNetworks.Lenet(11), spec, seed).Layers[2];

    [Fact]
    public void When_a_layer_is_solved_again_Expect_hits_with_the_uncached_numbers_bit_for_bit()
    {
        var spec = Small(5);
        var layer = Layer(spec, 3);
        var cache = new TransferMatrixCache();
        var fresh = CircuitKernels.NeuronResponse(layer, spec, 1);
        var first = CircuitKernels.NeuronResponse(layer, spec, 1, cache);
        Assert.Equal(layer.Tiles.Count, cache.Misses);
        Assert.Equal(0, cache.Hits);
        // A second programming of the same ideal chip (another seed draws nothing) hits every tile.
        var second = CircuitKernels.NeuronResponse(Layer(spec, 99), spec, 2, cache);
        Assert.Equal(layer.Tiles.Count, cache.Misses);
        Assert.Equal(layer.Tiles.Count, cache.Hits);
        Assert.Equal(fresh, first);
        Assert.Equal(fresh, second);
    }

    [Fact]
    public void When_wires_or_conductances_differ_Expect_a_fresh_solve()
    {
        var spec = Small(5, 0.1);
        var cache = new TransferMatrixCache();
        CircuitKernels.NeuronResponse(Layer(spec, 3), spec, 1, cache);
        var otherWires = spec with { RWireColumn = 6 };
        var wired = CircuitKernels.NeuronResponse(Layer(spec, 3), otherWires, 1, cache);
        var reseeded = CircuitKernels.NeuronResponse(Layer(spec, 4), spec, 1, cache);
        Assert.Equal(0, cache.Hits);
        Assert.Equal(3 * Layer(spec, 3).Tiles.Count, cache.Misses);
        Assert.Equal(CircuitKernels.NeuronResponse(Layer(spec, 3), otherWires, 1), wired);
        Assert.Equal(CircuitKernels.NeuronResponse(Layer(spec, 4), spec, 1), reseeded);
    }

    [Theory]
    [InlineData(16)] // tiles of 32 rows × 16 columns: transfer matrices by transposed solves
    [InlineData(64)] // 32 rows × 48 columns: by forward solves, shared with the power forms
    public void When_the_read_voltage_changes_Expect_the_power_forms_reused_and_their_transfer_matrices_bit_for_bit(int tileColumns)
    {
        var spec = Small(2) with { TileColumns = tileColumns };
        var layer = Layer(spec, 1);
        var cache = new TransferMatrixCache();
        cache.Responses(layer.Tiles, spec, 1);
        var reused = cache.Responses(layer.Tiles, spec with { VRead = spec.VRead / 2 }, 1);
        Assert.Equal(layer.Tiles.Count, cache.Hits);
        for (var t = 0; t < layer.Tiles.Count; t++)
        {
            var fresh = TileCircuit.Response(layer.Tiles[t], spec);
            Assert.Equal(TileCircuit.Flatten(fresh.Transfer), TileCircuit.Flatten(reused[t].Transfer));
            Assert.Equal(fresh.Admittance, reused[t].Admittance);
            Assert.Equal(fresh.Devices, reused[t].Devices);
            Assert.Equal(fresh.Drivers, reused[t].Drivers);
            Assert.Equal(fresh.Terminations, reused[t].Terminations);
        }
        // Transfer matrices alone come from the held responses, equal to a fresh transfer-matrix solve.
        var transfers = cache.TransferMatrices(layer.Tiles, spec, 1);
        Assert.Equal(layer.Tiles.Count, cache.Misses);
        Assert.Equal(2 * layer.Tiles.Count, cache.Hits);
        for (var t = 0; t < layer.Tiles.Count; t++)
        {
            Assert.Equal(TileCircuit.TransferMatrix(layer.Tiles[t], spec), transfers[t]);
        }
    }

    [Fact]
    public void When_two_callers_solve_one_chip_at_once_Expect_each_tile_solved_once_and_both_answers_exact()
    {
        var spec = Small(5);
        var layer = Layer(spec, 3);
        var fresh = CircuitKernels.NeuronResponse(layer, spec, 1);
        var cache = new TransferMatrixCache();
        var answers = new double[2][];
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 },
            i => answers[i] = CircuitKernels.NeuronResponse(Layer(spec, (ulong)i), spec, 1, cache));
        Assert.Equal(layer.Tiles.Count, cache.Misses);
        Assert.Equal(layer.Tiles.Count, cache.Hits);
        Assert.All(answers, a => Assert.Equal(fresh, a));
    }

    [Fact]
    public void When_the_budget_is_small_Expect_old_entries_dropped_and_answers_still_exact()
    {
        var spec = Small(5);
        var layer = Layer(spec, 3);
        var cache = new TransferMatrixCache(budgetBytes: 4096);
        var first = CircuitKernels.NeuronResponse(layer, spec, 1, cache);
        Assert.InRange(cache.Bytes, 0, 4096);
        var again = CircuitKernels.NeuronResponse(layer, spec, 1, cache);
        Assert.Equal(first, again);
        Assert.Equal(CircuitKernels.NeuronResponse(layer, spec, 1), again);
    }
}
