using Bmcnn.Study.Plots;
using Bmcnn.Study.Statistics;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Tests.Study.Plots;

public sealed class SweepPlotTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bmcnn-plot-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void When_summary_is_plotted_Expect_a_png_file()
    {
        var summary = new List<SummaryRow>();
        foreach (var m in new[] { "none", "redundancy:3" })
        {
            for (int i = 0; i <= 4; i++)
            {
                summary.Add(SweepSummary.Of("sigma", i * 0.25, m, [0.99 - i * 0.02, 0.985 - i * (m == "none" ? 0.03 : 0.01)]));
            }
        }
        var path = Path.Combine(_folder, "plot.png");
        SweepPlot.Write(path, SweepParameter.Sigma, summary);
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 5000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }
}
