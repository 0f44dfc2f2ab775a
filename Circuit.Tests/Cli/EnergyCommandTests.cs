using Bmcnn.Cli;
using Bmcnn.Network.Model;
using Bmcnn.Study.Csv;
using Bmcnn.Tests.Network.Data;
using Bmcnn.Tests.Network.Model;

namespace Bmcnn.Tests.Cli;

public sealed class EnergyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bmcnn-energy-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [SkippableFact]
    public void When_eval_with_energy_Expect_old_fields_unchanged_and_an_energy_object_that_adds_up()
    {
        Skip.IfNot(MnistAvailability.Present(), "MNIST not found");
        var model = Path.Combine(_dir, "m.bmcnn");
        ModelFile.Save(ModelFileTests.RandomModel(1), model);
        string[] common = ["eval", "--mode", "behavioral", "--model", model, "--limit", "30", "--json", "--data", MnistAvailability.Folder()!];
        var plain = new StringWriter();
        Assert.Equal(0, BmcnnApp.Run(common, plain, new StringWriter()));
        var metered = new StringWriter();
        var error = new StringWriter();
        Assert.True(BmcnnApp.Run([.. common, "--energy"], metered, error) == 0, error.ToString());
        using var before = System.Text.Json.JsonDocument.Parse(plain.ToString());
        using var after = System.Text.Json.JsonDocument.Parse(metered.ToString());
        foreach (var field in before.RootElement.EnumerateObject().Where(f => f.Name != "seconds" && f.Name != "compileSeconds"))
        {
            Assert.Equal(field.Value.ToString(), after.RootElement.GetProperty(field.Name).ToString());
        }
        Assert.False(before.RootElement.TryGetProperty("energy", out _));
        var energy = after.RootElement.GetProperty("energy");
        var total = energy.GetProperty("totalJ").GetDouble();
        var parts = energy.GetProperty("devicesJ").GetDouble() + energy.GetProperty("wiresJ").GetDouble()
            + energy.GetProperty("resistorsJ").GetDouble() + energy.GetProperty("peripheryJ").GetDouble();
        Assert.True(total > 0);
        Assert.Equal(total, parts, total * 1e-12);
        Assert.Equal(total, energy.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("totalJ").GetDouble()), total * 1e-12);
        Assert.Equal(1 / energy.GetProperty("latencySeconds").GetDouble(), energy.GetProperty("imagesPerSecond").GetDouble(), 1e-6);
    }

    [Fact]
    public void When_eval_software_with_energy_Expect_user_error()
    {
        var error = new StringWriter();
        Assert.Equal(BmcnnApp.UserError, BmcnnApp.Run(["eval", "--mode", "software", "--energy"], new StringWriter(), error));
        Assert.Contains("--energy", error.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void When_sweep_with_energy_Expect_energy_j_column()
    {
        Skip.IfNot(MnistAvailability.Present(), "MNIST not found");
        var model = Path.Combine(_dir, "m.bmcnn");
        ModelFile.Save(ModelFileTests.RandomModel(1), model);
        var csv = Path.Combine(_dir, "s.csv");
        var error = new StringWriter();
        var code = BmcnnApp.Run(["sweep", "--vary", "sigma", "--values", "0,0.1", "--trials", "1", "--model", model, "--limit", "20",
            "--data", MnistAvailability.Folder()!, "--out", csv, "--energy"], new StringWriter(), error);
        Assert.True(code == 0, error.ToString());
        Assert.Equal(string.Join(",", SweepCsv.EnergyHeader), File.ReadLines(csv).First());
        Assert.All(SweepCsv.Read(csv), row => Assert.True(row.EnergyJ > 0));
    }
}
