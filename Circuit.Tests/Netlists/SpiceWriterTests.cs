using Bmcnn.Circuit;
using Bmcnn.Circuit.Elements;
using Bmcnn.Circuit.Expressions;
using Bmcnn.Netlists;

namespace Bmcnn.Tests.Netlists;

public class SpiceWriterTests
{
    /// <summary>One element of every kind, with names that need a letter prefix and values that need all 17 digits.</summary>
    internal static Netlist EveryElement()
    {
        var netlist = new Netlist("every element kind");
        netlist.Add(new VoltageSource("vin", "in", "0", 0.2 + 1e-17 * 3));
        netlist.Add(new VoltageSource("drive", "d", "0", -1.0 / 3));
        netlist.Add(new Resistor("r1", "in", "a", 1.0 / 7 * 1e4));
        netlist.Add(new Resistor("wire", "d", "a", 2.5));
        netlist.Add(new CurrentSource("i1", "0", "a", 1e-5 / 3));
        netlist.Add(new Vcvs("e1", "e", "0", "a", "0", -2.0 / 3));
        netlist.Add(new Resistor("re", "e", "0", 1e3));
        netlist.Add(new Vccs("g1", "0", "g", "a", "0", 1e-3 / 7));
        netlist.Add(new Resistor("rg", "g", "0", 1e3));
        netlist.Add(new NonlinearConductor("x", "a", "0", SinhLaw.Calibrated(10e3, 0.2, 0.25)));
        netlist.Add(new NonlinearConductor("m1", "in", "a", SinhLaw.Calibrated(100e3, 0.2, 0.25)));
        netlist.Add(new BehavioralSource("sa", "out", "0", BehavioralKind.Voltage, Expression.Parse("tanh(40*(V(a)-V(in,0)))")));
        netlist.Add(new Resistor("rout", "out", "0", 10e3));
        netlist.Add(new BehavioralSource("bleak", "out", "0", BehavioralKind.Current, Expression.Parse("1e-6*V(out)^2")));
        return netlist;
    }

    [Fact]
    public void When_names_start_with_another_letter_Expect_prefixed_names_and_mapping()
    {
        var deck = SpiceWriter.Write(EveryElement());
        Assert.Equal("bx", deck.SpiceNames["x"]);
        Assert.Equal("bm1", deck.SpiceNames["m1"]);
        Assert.Equal("vdrive", deck.SpiceNames["drive"]);
        Assert.Equal("rwire", deck.SpiceNames["wire"]);
        Assert.Equal("bsa", deck.SpiceNames["sa"]);
        Assert.Equal("r1", deck.SpiceNames["r1"]);
        Assert.Equal("sa", deck.ElementName("BSA"));
        Assert.Equal("vin", deck.ElementName("vin"));
        var lines = deck.Text.Split('\n');
        Assert.Equal("every element kind", lines[0]);
        Assert.DoesNotContain(lines, l => l.StartsWith('m'));
        Assert.Contains("bm1 in a I=", deck.Text);
        Assert.Contains("bsa out 0 V=tanh(", deck.Text);
        Assert.Contains("option numdgt=15", deck.Text);
        Assert.EndsWith("quit\n.endc\n.end\n", deck.Text);
    }

    [Fact]
    public void When_prefixed_name_is_taken_Expect_unique_name()
    {
        var netlist = new Netlist();
        netlist.Add(new Resistor("rx", "a", "0", 1));
        netlist.Add(new NonlinearConductor("x", "a", "0", new SinhLaw(1e-6, 0.25)));
        netlist.Add(new BehavioralSource("bx", "a", "0", BehavioralKind.Current, Expression.Parse("1e-6")));
        var deck = SpiceWriter.Write(netlist);
        Assert.Equal("bx_2", deck.SpiceNames["x"]);
        Assert.Equal("bx", deck.SpiceNames["bx"]);
    }

    [Fact]
    public void When_node_name_breaks_spice_syntax_Expect_bmcnn_exception()
    {
        var netlist = new Netlist();
        netlist.Add(new Resistor("r1", "a=b", "0", 1));
        var ex = Assert.Throws<BmcnnException>(() => SpiceWriter.Write(netlist));
        Assert.Contains("'a=b'", ex.Message);
    }

    [Fact]
    public void When_written_netlist_is_read_back_Expect_equivalent_netlist()
    {
        var original = EveryElement();
        var deck = SpiceWriter.Write(original);
        var read = SpiceReader.Read(deck.Text, "roundtrip.cir");

        Assert.Empty(read.Warnings);
        Assert.Equal(original.Title, read.Netlist.Title);
        Assert.Equal(original.Elements.Count, read.Netlist.Elements.Count);
        Assert.Equal(original.Nodes, read.Netlist.Nodes);
        foreach (var element in original.Elements)
        {
            var back = read.Netlist.Find(deck.SpiceNames[element.Name]);
            Assert.NotNull(back);
            Assert.Equal(element.Nodes, back.Nodes);
            switch (element)
            {
                case Resistor r: Assert.Equal(r.Resistance, Assert.IsType<Resistor>(back).Resistance); break;
                case VoltageSource v: Assert.Equal(v.Voltage, Assert.IsType<VoltageSource>(back).Voltage); break;
                case CurrentSource i: Assert.Equal(i.Current, Assert.IsType<CurrentSource>(back).Current); break;
                case Vcvs e: Assert.Equal(e.Gain, Assert.IsType<Vcvs>(back).Gain); break;
                case Vccs g: Assert.Equal(g.Transconductance, Assert.IsType<Vccs>(back).Transconductance); break;
                case NonlinearConductor c:
                    // A nonlinear conductor comes back as the B source that carries its law.
                    var b = Assert.IsType<BehavioralSource>(back);
                    Assert.Equal(BehavioralKind.Current, b.Kind);
                    foreach (var volts in new[] { -0.3, -0.01, 0, 0.05, 0.2 })
                    {
                        Assert.Equal(c.Law.Current(volts), b.Expression.Evaluate(n => n == c.Nodes[0] ? volts : 0), 1e-20);
                    }
                    break;
                case BehavioralSource s:
                    var sb = Assert.IsType<BehavioralSource>(back);
                    Assert.Equal(s.Kind, sb.Kind);
                    Assert.Equal(s.Expression.ToString(), sb.Expression.ToString());
                    break;
            }
        }
        // From the first read on, writing and reading is a fixed point (names, numbers, expression text); the first
        // write differs only in the redundant parentheses of the law's expression text.
        var second = SpiceWriter.Write(read.Netlist).Text;
        Assert.Equal(second, SpiceWriter.Write(SpiceReader.Read(second).Netlist).Text);
        Assert.Equal(deck.Text.Replace("((V(a))/", "(V(a)/").Replace("((V(in,a))/", "(V(in,a)/"), second);
    }

    [Theory]
    [InlineData("subcircuit.cir")]
    [InlineData("sinh-memristors.cir")]
    [InlineData("tanh-comparator.cir")]
    [InlineData("controlled-sources.cir")]
    [InlineData("divider.cir")]
    [InlineData("crossbar-8x8.cir")]
    public void When_example_is_read_written_and_read_again_Expect_same_netlist(string example)
    {
        var first = SpiceReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Netlists", "Examples", example)).Netlist;
        var text = SpiceWriter.Write(first).Text;
        var second = SpiceReader.Read(text, example).Netlist;
        Assert.Equal(first.Elements.Select(e => (e.Name, e.GetType(), string.Join(' ', e.Nodes))),
            second.Elements.Select(e => (e.Name, e.GetType(), string.Join(' ', e.Nodes))));
        Assert.Equal(text, SpiceWriter.Write(second).Text);
    }

    [Fact]
    public void When_dialect_is_xyce_Expect_braced_expressions_and_print_without_control_block()
    {
        var deck = SpiceWriter.Write(EveryElement(), SpiceDialect.Xyce);
        Assert.Contains("bsa out 0 V={tanh(", deck.Text);
        Assert.Contains(".print dc", deck.Text);
        Assert.DoesNotContain(".control", deck.Text);
        // Our reader takes the Xyce text too (the .print line is only a warning).
        var read = SpiceReader.Read(deck.Text, "xyce.cir");
        Assert.Equal(EveryElement().Elements.Count, read.Netlist.Elements.Count);
        Assert.Single(read.Warnings);
    }

    [Fact]
    public void When_dialect_is_ltspice_Expect_op_without_control_block()
    {
        var deck = SpiceWriter.Write(EveryElement(), SpiceDialect.Ltspice);
        Assert.Contains("bsa out 0 V=tanh(", deck.Text);
        Assert.EndsWith("\n.op\n.end\n", deck.Text);
        Assert.DoesNotContain(".control", deck.Text);
    }

    [Fact]
    public void When_written_to_file_Expect_atomic_replacement_and_no_temp_files()
    {
        var folder = Directory.CreateTempSubdirectory("bmcnn-writer-");
        try
        {
            var path = Path.Combine(folder.FullName, "out.cir");
            File.WriteAllText(path, "old");
            var deck = SpiceWriter.WriteFile(EveryElement(), path);
            Assert.Equal(deck.Text, File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(folder.FullName));
        }
        finally
        {
            folder.Delete(true);
        }
    }
}
