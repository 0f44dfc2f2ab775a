using Bmcnn.Devices;
using Bmcnn.Study.Reproduction;
using Bmcnn.Study.Statistics;
using Bmcnn.Study.Sweeps;
using Bmcnn.Tests.Study.Sweeps;

namespace Bmcnn.Tests.Study.Reproduction;

public sealed class ReproductionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bmcnn-reproduce-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void When_a_tiny_study_runs_Expect_every_stage_in_results_md_with_csvs_and_plots()
    {
        var model = StudyNetworks.Lenet(5);
        var vat = StudyNetworks.Lenet(6);
        var test = StudyNetworks.Images(model, 30, 7);
        var calibration = StudyNetworks.Images(model, 30, 8);
        var spec = DevicePresets.Rram.Spec with { TileRows = 32, TileColumns = 16 };
        var inputs = new ReproductionInputs(model, "tiny", vat, "tiny-vat", spec, test, () => calibration, 1, 3);
        var plan = new ReproductionPlan
        {
            Name = "test",
            TestImages = 30,
            CircuitImages = 10,
            SigmaValues = [0, 0.8],
            SigmaTrials = 2,
            SplitSigmaValues = [0, 0.8],
            SplitTrials = 2,
            Mitigations = ["none", "redundancy:2", "verify:0.2", "calibrate:20"],
            MitigationTrials = 2,
            WireValues = [0, 1],
            LawSigmaTrials = 1,
            MitigatedWireValues = [1],
            ThresholdBitValues = [0, 4],
            EnergyWireValues = [0, 1],
            EnergyScaleValues = [1, 10],
            EnergyTileValues = [32],
            EnergyReadVoltages = [0.1, 0.2],
            EnergyImages = 10,
        };
        var log = new StringWriter();
        var path = new ReproductionRunner(inputs, plan, _folder,
            (grid, csv, evaluator) => new SweepRunner(evaluator, 2).Run(grid, ShardSpec.All, csv, null, default), log).Run();
        var md = File.ReadAllText(path);
        foreach (var heading in new[] { "## A.", "## B.", "## C.", "## D.", "## Timing", "\"rOn\": 10000", "| behavioral | ideal devices" })
        {
            Assert.Contains(heading, md);
        }
        Assert.Contains("| verify:0.2 |", md);
        foreach (var heading in new[] { "four variation laws", "## E. Wire resistance", "## F. Fixed-point", "| gaussian-conductance |",
            "| empirical |", "| calibrate:20, 64×64 tiles |", "| calibrate:20, R ×10 |" })
        {
            Assert.Contains(heading, md);
        }
        // Sections in the order of their letters: the other laws' σ curves right after B, the wires' mitigations after D.
        var order = new[] { "## A.", "## B. Accuracy vs σ of", "## B. Accuracy vs σ for the four", "## C.", "## D.", "## E.", "## F.", "## Timing" }
            .Select(h => md.IndexOf(h, StringComparison.Ordinal)).ToArray();
        Assert.Equal(order.Order(), order);
        foreach (var file in new[] { "sigma-empirical.csv", "sigma-gaussian-conductance.csv", "wires-mitigated.csv", "wires-tile64.csv",
            "wires-rscale10.csv", "threshold-bits.csv", "sigma-laws.png", "wires-mitigated.png", "threshold-bits.png" })
        {
            Assert.True(File.Exists(Path.Combine(_folder, file)), file);
        }
        foreach (var file in new[] { "sigma.csv", "sigma-on.csv", "sigma-off.csv", "mitigations.csv", "r-wire.csv", "sigma.png", "sigma-split.png", "mitigations.png", "r-wire.png" })
        {
            Assert.True(File.Exists(Path.Combine(_folder, file)), file);
        }
        // Ideal devices: behavioral agrees with software on every image (the labels are the software's predictions).
        Assert.Contains("| behavioral | ideal devices, Kirchhoff sums | 30 | 100.00% | 100.00% |", md);
        Assert.Equal(1 + 4 + 4 * 2, File.ReadAllLines(Path.Combine(_folder, "mitigations.csv")).Length);
        // σ = 0 is exact (nothing else random in the spec): one trial; σ = 0.8 has the plan's two.
        Assert.Equal(1 + 1 + 2, File.ReadAllLines(Path.Combine(_folder, "sigma.csv")).Length);
        Assert.Contains("### Finding: the variation law decides where accuracy is lost", md);
        Assert.Contains("Which mitigations recover at least half the loss:", md);
        Assert.True(File.Exists(Path.Combine(_folder, "mitigations.pulses.csv")));
        foreach (var text in new[] { "## G. Energy per inference", "| r-wire | 1 Ω |", "| r-scale | ×10 |", "| tile | 32×32 |",
            "| v-read | 0.2 V |", "Pareto front (lowest energy first): ", "(base) |" })
        {
            Assert.Contains(text, md);
        }
        foreach (var file in new[] { "energy-r-wire.csv", "energy-r-scale.csv", "energy-tile.csv", "energy-v-read.csv", "energy.png" })
        {
            Assert.True(File.Exists(Path.Combine(_folder, file)), file);
        }
        // The base design is solved once, in the wire sweep; the r-scale and v-read sweeps reuse it.
        Assert.Equal(1 + 1, File.ReadAllLines(Path.Combine(_folder, "energy-r-scale.csv")).Length);
        Assert.Equal(1 + 2, File.ReadAllLines(Path.Combine(_folder, "energy-r-wire.csv")).Length);

        // Rerun into the same folder: every trial is resumed, and the tables, pulse counts included, come back the same.
        var again = File.ReadAllText(new ReproductionRunner(inputs, plan, _folder,
            (grid, csv, evaluator) => new SweepRunner(evaluator, 2).Run(grid, ShardSpec.All, csv, null, default), new StringWriter()).Run());
        Assert.Equal(Section(md, "## B.", "## D."), Section(again, "## B.", "## D."));
        Assert.Matches(@"\| verify:0\.2 \|[^\n]*\| \d+\.\d\d \|\n", Section(again, "## C.", "## D."));
    }

    private static string Section(string md, string from, string to) => md[md.IndexOf(from, StringComparison.Ordinal)..md.IndexOf(to, StringComparison.Ordinal)];

    [Fact]
    public void When_interval_reaches_past_0_or_100_percent_Expect_it_clipped()
    {
        var row = new SummaryRow("sigma", 1, "x", 3, 0.99, 0.05, 0.3);
        Assert.Equal("[69.00, 100.00]", SweepSummary.Interval(row));
        Assert.Equal("[0.00, 40.00]", SweepSummary.Interval(row with { Mean = 0.1 }));
        // Differences keep their sign: a mitigation that hurts has a negative interval.
        var (_, low, high) = MeanDifference.Paired([0.50, 0.60, 0.55], [0.70, 0.75, 0.80]);
        Assert.True(low < high && high < 0);
    }

    [Fact]
    public void When_the_spec_draws_anything_at_random_Expect_sigma_zero_not_treated_as_exact()
    {
        var ideal = DevicePresets.Rram.Spec;
        Assert.True(ReproductionRunner.IsExact(ideal));
        Assert.True(ReproductionRunner.IsExact(ideal with { RWireRow = 1, RWireColumn = 1, Redundancy = 3 })); // wires are deterministic
        Assert.False(ReproductionRunner.IsExact(ideal with { SigmaOff = 0.1 }));
        Assert.False(ReproductionRunner.IsExact(ideal with { StuckOn = 0.01 }));
        Assert.False(ReproductionRunner.IsExact(ideal with { OffsetSigma = 1e-7 }));
        Assert.False(ReproductionRunner.IsExact(ideal with { ReadNoiseSigma = 0.01 }));
    }

    [Fact]
    public void When_paired_difference_is_computed_Expect_hand_values_and_the_chip_spread_cancelled()
    {
        // Differences 0.02, 0.04, 0.03: mean 0.03, s = 0.01, t(0.975, 2) = 4.302653 → half-width 0.024841.
        var (diff, low, high) = MeanDifference.Paired([0.52, 0.94, 0.33], [0.50, 0.90, 0.30]);
        Assert.Equal(0.03, diff, 12);
        Assert.Equal(0.03 - 4.302653 * 0.01 / Math.Sqrt(3), low, 5);
        Assert.Equal(0.03 + 4.302653 * 0.01 / Math.Sqrt(3), high, 5);
        Assert.True(low > 0); // unpaired, the chips' spread (0.30–0.94) would swamp the 3-point gain
        var welch = MeanDifference.Welch(SweepSummary.Of("s", 1, "x", [0.52, 0.94, 0.33]), SweepSummary.Of("s", 1, "none", [0.50, 0.90, 0.30]));
        Assert.True(welch.Low < 0);
    }

    [Fact]
    public void When_welch_difference_is_computed_Expect_hand_values()
    {
        // a: mean 0.9, s 0.1, n 4; b: mean 0.8, s 0.2, n 4. se² = 0.01/4 + 0.04/4 = 0.0125;
        // Welch df = 0.0125² / ((0.0025²)/3 + (0.01²)/3) = 4.41176...; t(0.975, 4.41176) = 2.677174 (bisection on a numerically integrated t density, Python).
        var a = new SummaryRow("sigma", 1, "x", 4, 0.9, 0.1, 0);
        var b = new SummaryRow("sigma", 1, "none", 4, 0.8, 0.2, 0);
        var (diff, low, high) = MeanDifference.Welch(a, b);
        Assert.Equal(0.1, diff, 12);
        Assert.Equal(0.1 - 2.677174 * Math.Sqrt(0.0125), low, 5);
        Assert.Equal(0.1 + 2.677174 * Math.Sqrt(0.0125), high, 5);
    }
}
