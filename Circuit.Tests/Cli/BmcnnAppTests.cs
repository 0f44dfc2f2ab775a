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
}
