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

    // Refused by the parser (usage and the error line, as for any malformed option) instead of quietly taken as the default.
    [Theory]
    [InlineData("--threads must be 0 (all cores) or more, got -1", "eval", "--threads", "-1")]
    [InlineData("--threads must be 0 (all cores) or more, got -2", "train", "--threads", "-2", "--out", "never-written.cir")]
    [InlineData("--jobs must be 0 (one per core) or more, got -1", "sweep", "--vary", "sigma", "--values", "0.1", "--jobs", "-1")]
    [InlineData("--jobs must be 0 (one per core) or more, got -1", "reproduce", "--jobs", "-1", "--out", "never-written.cir")]
    [InlineData("--model: empty file name (leave --model out for the shipped lenet)", "eval", "--model", "")]
    public void When_a_count_is_negative_or_the_model_name_empty_Expect_a_parse_error_naming_the_option(string message, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = BmcnnApp.Run(args, output, error);
        Assert.Equal(1, code);
        Assert.Contains(message, error.ToString());
        Assert.False(File.Exists("never-written.cir"));
    }
}
