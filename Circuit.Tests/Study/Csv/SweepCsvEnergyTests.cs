using Bmcnn.Circuit;
using Bmcnn.Study.Csv;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Tests.Study.Csv;

public sealed class SweepCsvEnergyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bmcnn-csv-energy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void When_rows_carry_energy_Expect_energy_j_column_that_reads_back_and_old_files_unchanged()
    {
        var path = Path.Combine(_folder, "e.csv");
        var rows = new[] { new SweepRow("r-wire", 1, "none", 0, 7, 0.5, 2, 1.3511226988270947E-07) };
        SweepCsv.Write(path, rows);
        var lines = File.ReadAllLines(path);
        Assert.Equal("parameter,value,mitigation,trial,seed,accuracy,seconds,energy_j", lines[0]);
        Assert.Equal("r-wire,1,none,0,7,0.5,2,1.3511226988270947E-07", lines[1]);
        Assert.Equal(rows, SweepCsv.Read(path));

        var old = Path.Combine(_folder, "old.csv");
        SweepCsv.Write(old, [rows[0] with { EnergyJ = null }]);
        Assert.Equal("parameter,value,mitigation,trial,seed,accuracy,seconds", File.ReadAllLines(old)[0]);
        Assert.Null(SweepCsv.Read(old)[0].EnergyJ);
    }

    [Fact]
    public void When_only_some_rows_carry_energy_Expect_refusal_and_nothing_written()
    {
        var path = Path.Combine(_folder, "mixed.csv");
        var rows = new[] { new SweepRow("sigma", 0, "none", 0, 1, 0.5, 1, 1e-7), new SweepRow("sigma", 0, "none", 1, 2, 0.5, 1) };
        var error = Assert.Throws<BmcnnException>(() => SweepCsv.Write(path, rows));
        Assert.Contains("energy_j", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }
}
