using Bmcnn.Circuit.Elements;
using Bmcnn.Netlists;

namespace Bmcnn.Tests.Cli;

public class NetlistCommandTests
{
    private static string[] Args(string path, int rows, int cols, ulong seed, string dialect = "ngspice") =>
    [
        "netlist", "crossbar", "--rows", $"{rows}", "--cols", $"{cols}", "--r-wire", "2.5", "--r-on", "10k",
        "--r-off", "100k", "--v-read", "0.2", "--seed", $"{seed}", "--dialect", dialect, "--out", path,
    ];

    [Fact]
    public void When_crossbar_netlist_is_written_Expect_seeded_binary_devices_and_inputs()
    {
        var folder = Directory.CreateTempSubdirectory("bmcnn-netlist-");
        try
        {
            var a = Path.Combine(folder.FullName, "a.cir");
            var b = Path.Combine(folder.FullName, "b.cir");
            var c = Path.Combine(folder.FullName, "c.cir");
            Assert.Equal(0, SolveCommandTests.Run(Args(a, 8, 6, 42)).Code);
            Assert.Equal(0, SolveCommandTests.Run(Args(b, 8, 6, 42)).Code);
            Assert.Equal(0, SolveCommandTests.Run(Args(c, 8, 6, 43)).Code);
            Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));
            Assert.NotEqual(File.ReadAllText(a), File.ReadAllText(c));

            var netlist = SpiceReader.ReadFile(a).Netlist;
            var devices = netlist.Elements.OfType<Resistor>().Where(r => r.Name.StartsWith("rx")).ToList();
            Assert.Equal(48, devices.Count);
            // The tile stores conductances, so 1/(1/R) may differ from R in the last bit.
            static bool Near(double a, double b) => Math.Abs(a - b) <= 1e-12 * b;
            Assert.All(devices, d => Assert.True(Near(d.Resistance, 1e4) || Near(d.Resistance, 1e5), $"{d.Name} = {d.Resistance}"));
            Assert.InRange(devices.Count(d => Near(d.Resistance, 1e4)), 10, 38);
            var inputs = netlist.Elements.OfType<VoltageSource>().Where(v => v.Name.StartsWith("vin")).ToList();
            Assert.Equal(8, inputs.Count);
            Assert.All(inputs, v => Assert.Equal(0.2, Math.Abs(v.Voltage)));
            var columns = netlist.Elements.OfType<VoltageSource>().Where(v => v.Name.StartsWith("vcol")).ToList();
            Assert.Equal(Enumerable.Range(0, 6).Select(j => $"vcol{j}"), columns.Select(v => v.Name));
            Assert.All(columns, v => Assert.Equal(0, v.Voltage));
            Assert.Contains(netlist.Elements.OfType<Resistor>(), r => r.Resistance == 2.5);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Fact]
    public void When_dialect_is_xyce_Expect_print_line_instead_of_control_block()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bmcnn-xyce-{Guid.NewGuid():N}.cir");
        try
        {
            Assert.Equal(0, SolveCommandTests.Run(Args(path, 2, 2, 1, "xyce")).Code);
            var text = File.ReadAllText(path);
            Assert.Contains(".print dc", text);
            Assert.DoesNotContain(".control", text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void When_options_are_impossible_Expect_exit_2_naming_the_option()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bmcnn-bad-{Guid.NewGuid():N}.cir");
        var args = Args(path, 2, 2, 1);
        args[Array.IndexOf(args, "--r-on") + 1] = "-5";
        var (code, _, error) = SolveCommandTests.Run(args);
        Assert.Equal(2, code);
        Assert.Contains("--r-on", error);
        Assert.False(File.Exists(path));
    }
}
