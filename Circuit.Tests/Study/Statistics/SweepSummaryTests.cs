using Bmcnn.Study.Statistics;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Tests.Study.Statistics;

public class SweepSummaryTests
{
    [Fact]
    public void When_three_trials_Expect_hand_computed_mean_std_and_t_interval()
    {
        // mean 0.8, sample std 0.1, t(0.975, 2) = 4.302652729911275 (tables), half-width t·s/√3.
        var s = SweepSummary.Of("sigma", 0.5, "none", [0.9, 0.8, 0.7]);
        Assert.Equal(0.8, s.Mean, 12);
        Assert.Equal(0.1, s.StandardDeviation, 12);
        Assert.Equal(4.302652729911275 * 0.1 / Math.Sqrt(3), s.HalfWidth, 9);
        Assert.Equal(3, s.Trials);
    }

    [Fact]
    public void When_ten_trials_Expect_t_quantile_with_nine_degrees_of_freedom()
    {
        double[] a = [0.95, 0.96, 0.97, 0.94, 0.95, 0.96, 0.93, 0.97, 0.96, 0.95];
        var mean = a.Average();
        var std = Math.Sqrt(a.Sum(x => (x - mean) * (x - mean)) / 9);
        var s = SweepSummary.Of("sigma", 1, "vat", a);
        Assert.Equal(2.262157162740992 * std / Math.Sqrt(10), s.HalfWidth, 9);
    }

    [Fact]
    public void When_single_trial_Expect_no_interval()
    {
        var s = SweepSummary.Of("sigma", 0, "none", [0.99]);
        Assert.True(double.IsNaN(s.HalfWidth));
        Assert.Equal("n/a", SweepSummary.Interval(s));
    }

    [Fact]
    public void When_rows_span_values_and_mitigations_Expect_one_cell_each_in_canonical_order()
    {
        var rows = new[]
        {
            new SweepRow("sigma", 1, "none", 0, 1, 0.5, 0), new SweepRow("sigma", 0, "vat", 0, 2, 0.9, 0),
            new SweepRow("sigma", 0, "none", 0, 3, 0.8, 0), new SweepRow("sigma", 0, "none", 1, 4, 0.6, 0),
        };
        var summary = SweepSummary.Compute(rows);
        Assert.Equal([(0.0, "none", 2), (0.0, "vat", 1), (1.0, "none", 1)], summary.Select(s => (s.Value, s.Mitigation, s.Trials)));
        Assert.Equal(0.7, summary[0].Mean, 12);
    }
}
