using Bmcnn.Study.Csv;
using Bmcnn.Study.Sweeps;

namespace Bmcnn.Tests.Study.Csv;

public sealed class SweepCsvTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bmcnn-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void When_written_Expect_exact_header_round_trip_numbers_and_canonical_order()
    {
        var path = Path.Combine(_folder, "x.csv");
        var rows = new[]
        {
            new SweepRow("sigma", 0.3, "verify:0.05", 1, 42, 0.1 + 0.2, 1.5),
            new SweepRow("sigma", 0.3, "none", 0, 41, 0.9871, 0.25),
            new SweepRow("sigma", 0.1, "redundancy:3", 0, 40, 1.0 / 3.0, 0),
        };
        SweepCsv.Write(path, rows);
        var lines = File.ReadAllLines(path);
        Assert.Equal("parameter,value,mitigation,trial,seed,accuracy,seconds", lines[0]);
        Assert.Equal("sigma,0.1,redundancy:3,0,40,0.3333333333333333,0", lines[1]);
        Assert.Equal("sigma,0.3,none,0,41,0.9871,0.25", lines[2]);
        var back = SweepCsv.Read(path);
        Assert.Equal(rows.OrderBy(r => r.Key), back);
        Assert.Equal(0.1 + 0.2, back[2].Accuracy); // bit-exact round trip
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Theory]
    [InlineData("parameter,value,mitigation,trial,seed,accuracy\nsigma,0,none,0,1,0.5\n", "line 1: header")]
    [InlineData("parameter,value,mitigation,trial,seed,accuracy,seconds\nsigma,abc,none,0,1,0.5,1\n", "line 2: field 'value'")]
    [InlineData("parameter,value,mitigation,trial,seed,accuracy,seconds\nsigma,0,none,0,1,1.5,1\n", "line 2: accuracy")]
    [InlineData("parameter,value,mitigation,trial,seed,accuracy,seconds\nsigma,0,none,0,1,0.5\n", "line 2: 6 fields")]
    [InlineData("parameter,value,mitigation,trial,seed,accuracy,seconds\nsigma,0,none,0,1,0.5,1\nsigma,0,none,0,1,0.5,1\n", "line 3: duplicate")]
    public void When_file_is_corrupt_Expect_error_naming_file_and_line(string text, string expected)
    {
        var path = Path.Combine(_folder, "bad.csv");
        File.WriteAllText(path, text);
        var ex = Assert.Throws<InvalidDataException>(() => SweepCsv.Read(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains(expected, ex.Message);
    }
}
