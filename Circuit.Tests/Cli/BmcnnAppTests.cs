using Bmcnn.Cli;

namespace Bmcnn.Tests.Cli;

public class BmcnnAppTests
{
    [Fact]
    public void When_unknown_command_Expect_nonzero_exit_and_message()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BmcnnApp.Run(new[] { "no-such-command" }, output, error);
        Assert.NotEqual(0, code);
        Assert.Contains("no-such-command", output.ToString() + error.ToString());
    }

    // Values the parser accepts but the file system or a library would refuse with an ArgumentException (a bug's exit
    // code): the command checks them and names the option.
    [Theory]
    [InlineData("--dialect: '7' is not one of ngspice, xyce, ltspice",
        "netlist", "crossbar", "--rows", "2", "--cols", "2", "--r-wire", "1", "--r-on", "1k", "--r-off", "10k", "--v-read", "0.2",
        "--seed", "1", "--dialect", "7", "--out", "never-written.cir")]
    [InlineData("files: '' is not a file name", "sweep", "merge", "", "--out", "never-written.csv")]
    [InlineData("--out: ' ' is not a file name", "sweep", "merge", "a.csv", "--out", " ")]
    public void When_an_option_value_is_impossible_Expect_exit_2_and_one_line_naming_the_option(string message, params string[] args)
    {
        var error = new StringWriter();
        var code = BmcnnApp.Run(args, new StringWriter(), error);
        Assert.Equal(BmcnnApp.UserError, code);
        Assert.Equal($"error: {message}", error.ToString().Trim());
        Assert.False(File.Exists("never-written.cir"));
    }
}
