using Bmcnn.Circuit;
using Bmcnn.Circuit.Analysis;
using Bmcnn.Netlists;

namespace Bmcnn.Tests.Netlists;

/// <summary><c>.include</c> (relative to the including file, errors naming file and line) and <c>.options</c>.</summary>
public sealed class SpiceIncludeOptionsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bmcnn-include-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void When_files_include_files_Expect_names_relative_to_each_including_file()
    {
        Write("lib/cells.inc", "* cells\n.subckt cell a b\nR1 a b {r}\n.ends\n.include 'values.inc'\n");
        Write("lib/values.inc", ".param r=2k\n");
        var main = Write("deck/main.cir", "top\n.include ../lib/cells.inc\nV1 in 0 1\nX1 in 0 cell\n.op\n.end\n");
        var read = SpiceReader.ReadFile(main);
        Assert.Empty(read.Warnings);
        var op = new DcOperatingPoint(read.Netlist).Solve();
        Assert.Equal(-0.5e-3, op.Current("v1"), 12);
    }

    [Fact]
    public void When_included_file_is_missing_Expect_one_line_naming_file_and_line()
    {
        var main = Write("main.cir", "top\nV1 a 0 1\n.inc nowhere.lib\nR1 a 0 1k\n.end\n");
        var e = Assert.Throws<BmcnnException>(() => SpiceReader.ReadFile(main));
        Assert.StartsWith($"{main}:3: included file not found: {Path.Combine(_directory.FullName, "nowhere.lib")}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void When_included_file_has_a_bad_card_Expect_its_own_name_and_line()
    {
        Write("bad.inc", "* first line is a card, not a title\nR1 a 0 1k\nQ1 a b c npn\n");
        var main = Write("main.cir", "top\nV1 a 0 1\n.include bad.inc\n.end\n");
        var e = Assert.Throws<BmcnnException>(() => SpiceReader.ReadFile(main));
        Assert.StartsWith(Path.Combine(_directory.FullName, "bad.inc") + ":3: unknown or unsupported element letter 'Q'", e.Message);
    }

    [Fact]
    public void When_included_file_has_an_unsupported_command_Expect_the_warning_to_name_it()
    {
        Write("warn.inc", "R1 a 0 1k\n.nodeset v(a)=1\n");
        var main = Write("main.cir", "top\nV1 a 0 1\n.include warn.inc\n.end\n");
        var read = SpiceReader.ReadFile(main);
        Assert.StartsWith(Path.Combine(_directory.FullName, "warn.inc") + ":2: warning:", Assert.Single(read.Warnings));
    }

    [Fact]
    public void When_files_include_each_other_Expect_an_error_not_a_hang()
    {
        Write("a.inc", ".include b.inc\n");
        Write("b.inc", "R1 x 0 1\n.include a.inc\n");
        var main = Write("main.cir", "top\n.include a.inc\n.end\n");
        var e = Assert.Throws<BmcnnException>(() => SpiceReader.ReadFile(main));
        Assert.Contains("b.inc:2: a.inc includes itself", e.Message);
    }

    [Fact]
    public void When_options_set_tolerances_Expect_them_in_the_result()
    {
        const string text = """
            options
            V1 a 0 1
            R1 a 0 1k
            .options reltol=1e-5 abstol=1e-14 vntol=1u chgtol=1e-16
            + trtol=3 itl1=200 itl4=20 method=trap
            .option maxiter=30
            .tran 1u 10u
            """;
        var read = SpiceReader.Read(text, "o.cir");
        Assert.Empty(read.Warnings);
        var o = read.Options;
        Assert.Equal((1e-5, 1e-14, 1e-6, 200), (o.Dc.RelTol, o.Dc.AbsTol, o.Dc.VnTol, o.Dc.MaxIterations));
        Assert.Equal((1e-16, 3.0, 30), (o.ChgTol, o.TrTol, o.StepIterations));
    }

    [Fact]
    public void When_options_are_unknown_or_gear_Expect_one_warning_naming_them()
    {
        var read = SpiceReader.Read("o\nR1 a 0 1\n.options numdgt=15 noacct method=gear\n", "o.cir");
        Assert.Equal("o.cir:3: warning: not applied: numdgt, noacct, method=gear (the trapezoidal rule is used): "
            + "'.options numdgt=15 noacct method=gear'", Assert.Single(read.Warnings));
        Assert.Equal(new TransientOptions(), read.Options);
    }

    [Theory]
    [InlineData(".options reltol=-1", "o.cir:3: DC options: reltol must be a positive number, got -1")]
    [InlineData(".options itl4=1", "o.cir:3: transient options: itl4 must be at least 2, got 1")]
    [InlineData(".options itl4=2.5", "o.cir:3: option 'itl4' needs a whole number, got '2.5'")]
    [InlineData(".options reltol=", "o.cir:3: missing value for option 'reltol'")]
    [InlineData(".options trtol=abc", "o.cir:3: bad number 'abc'")]
    public void When_an_option_value_is_bad_Expect_one_line_naming_the_line(string card, string message)
    {
        var e = Assert.Throws<BmcnnException>(() => SpiceReader.Read($"o\nR1 a 0 1\n{card}\n", "o.cir"));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void When_trtol_is_smaller_Expect_the_transient_to_take_more_steps()
    {
        const string deck = "rc\nV1 in 0 PULSE(0 1 0 1n 1n 1 2)\nR1 in out 1k\nC1 out 0 1u\n.tran 1m 10m\n";
        int Points(string extra)
        {
            var read = SpiceReader.Read(deck + extra, "rc.cir");
            return Simulation.Run(read.Netlist, read.Analyses.Single(), read.Options).Axis.Count;
        }
        Assert.True(Points(".options trtol=0.1\n") > Points(""), "a tighter truncation-error factor must shorten the steps");
    }
}
