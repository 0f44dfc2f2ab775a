using Bmcnn.Circuit;
using Bmcnn.Devices;
using Bmcnn.Mapping.Compile;

namespace Bmcnn.Tests.Mapping.Compile;

public class TilePlanTests
{
    [Theory]
    [InlineData(800, 64, 128, 128, WeightScheme.Differential, 7, 1)]
    [InlineData(1024, 512, 128, 128, WeightScheme.Differential, 8, 8)]
    [InlineData(25, 32, 128, 128, WeightScheme.Differential, 1, 1)]
    [InlineData(512, 10, 128, 128, WeightScheme.Reference, 4, 1)]
    [InlineData(1024, 512, 128, 128, WeightScheme.Reference, 8, 5)]
    [InlineData(100, 30, 33, 7, WeightScheme.Differential, 4, 10)]
    public void When_layer_is_planned_Expect_tiles_cover_it_within_the_size(int rows, int neurons, int tileRows, int tileColumns,
        WeightScheme scheme, int rowTiles, int neuronTiles)
    {
        var spec = DevicePresets.Rram.Spec with { TileRows = tileRows, TileColumns = tileColumns, Scheme = scheme };
        var plan = new TilePlan("l", rows, neurons, spec);
        Assert.Equal(rowTiles, plan.RowTiles);
        Assert.Equal(neuronTiles, plan.NeuronTiles);
        var covered = new int[rows, neurons];
        for (var t = 0; t < plan.TileCount; t++)
        {
            var (r0, rc, n0, nc) = plan.Bounds(t);
            Assert.InRange(rc, 1, tileRows);
            Assert.InRange(plan.PhysicalColumns(nc), 1, tileColumns);
            for (var r = r0; r < r0 + rc; r++)
                for (var n = n0; n < n0 + nc; n++)
                    covered[r, n]++;
        }
        Assert.All(covered.Cast<int>(), c => Assert.Equal(1, c));
    }

    [Fact]
    public void When_tile_is_smaller_than_a_kernel_window_Expect_error_naming_tile_rows()
    {
        var spec = DevicePresets.Rram.Spec with { TileRows = 16 };
        var ex = Assert.Throws<BmcnnException>(() => new TilePlan("conv1", 25, 32, spec, kernelRows: 25));
        Assert.Contains("tileRows", ex.Message);
        Assert.Contains("conv1", ex.Message);
    }
}
