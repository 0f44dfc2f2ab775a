using Bmcnn.Netlists;

namespace Bmcnn.Tests.Netlists;

public class NgspiceComparisonTests
{
    private static NgspiceResult Reference() => new(
        new Dictionary<string, double> { ["a"] = 1.0, ["b"] = 0.5, ["vg"] = 0.0 },
        new Dictionary<string, double> { ["v1"] = -1e-3, ["vcol"] = 0.0 },
        "");

    [Fact]
    public void When_values_differ_slightly_Expect_largest_relative_difference_and_its_quantity()
    {
        var voltages = new Dictionary<string, double> { ["a"] = 1.0, ["b"] = 0.5 * (1 + 3e-7), ["vg"] = 5e-19 };
        var currents = new Dictionary<string, double> { ["v1"] = -1e-3 * (1 - 2e-7), ["vcol"] = -1e-19 };
        var c = NgspiceComparison.Compare(voltages, currents, Reference());
        Assert.Equal("V(b)", c.Quantity);
        Assert.Equal(3e-7, c.LargestRelativeDifference, 12);
        Assert.Equal(3e-7, c.LargestVoltageDifference, 12);
        Assert.Equal("I(v1)", c.CurrentQuantity);
        Assert.Equal(2e-7, c.LargestCurrentDifference, 12);
        Assert.Equal(3, c.VoltageCount);
        Assert.Equal(2, c.CurrentCount);
        Assert.Empty(c.Missing);
    }

    [Fact]
    public void When_reference_is_zero_Expect_floor_instead_of_division_by_zero()
    {
        var voltages = new Dictionary<string, double> { ["a"] = 1.0, ["b"] = 0.5, ["vg"] = 0 };
        var currents = new Dictionary<string, double> { ["v1"] = -1e-3, ["vcol"] = 5e-15 };
        var c = NgspiceComparison.Compare(voltages, currents, Reference());
        Assert.Equal("I(vcol)", c.Quantity);
        Assert.Equal(5e-15 / NgspiceComparison.CurrentFloor, c.LargestRelativeDifference, 12);
    }

    [Fact]
    public void When_a_quantity_is_missing_Expect_infinite_difference_and_a_note()
    {
        var voltages = new Dictionary<string, double> { ["a"] = 1.0, ["b"] = 0.5, ["vg"] = 0, ["extra"] = 2 };
        var currents = new Dictionary<string, double> { ["v1"] = -1e-3 };
        var c = NgspiceComparison.Compare(voltages, currents, Reference());
        Assert.True(double.IsPositiveInfinity(c.LargestRelativeDifference));
        Assert.Equal(new[] { "V(extra) missing in ngspice", "I(vcol) missing in ours" }, c.Missing);
    }
}
