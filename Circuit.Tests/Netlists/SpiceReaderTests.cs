using Bmcnn.Circuit;
using Bmcnn.Circuit.Elements;
using Bmcnn.Netlists;

namespace Bmcnn.Tests.Netlists;

public class SpiceReaderTests
{
    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "Netlists", "Examples", name);

    private static T Element<T>(Netlist netlist, string name) where T : Element =>
        Assert.IsType<T>(netlist.Find(name) ?? throw new Xunit.Sdk.XunitException($"no element '{name}'"));

    [Fact]
    public void When_hand_written_netlist_has_comments_continuations_and_mixed_case_Expect_all_elements()
    {
        const string text = """
            My Title Line
            * a comment line
               * an indented comment
            V1 IN 0 DC 1.5V ; trailing comment
            R1 in Mid 1kOhm $ another comment
            R2 mid 0
            + 3k
            *  comment between continuation lines
            + ; nothing more
            I1 0 MID dc 1mA
            RGnd mid GND 6k
            .OP
            .END
            R9 this is after the end and ignored
            """;
        var netlist = SpiceReader.Read(text).Netlist;

        Assert.Equal("My Title Line", netlist.Title);
        Assert.Equal(new[] { "v1", "r1", "r2", "i1", "rgnd" }, netlist.Elements.Select(e => e.Name));
        Assert.Equal(1.5, Element<VoltageSource>(netlist, "v1").Voltage);
        Assert.Equal(new[] { "in", "0" }, Element<VoltageSource>(netlist, "v1").Nodes);
        Assert.Equal(1000, Element<Resistor>(netlist, "r1").Resistance);
        Assert.Equal(3000, Element<Resistor>(netlist, "r2").Resistance);
        Assert.Equal(1e-3, Element<CurrentSource>(netlist, "i1").Current);
        Assert.Equal(new[] { "mid", "0" }, Element<Resistor>(netlist, "rgnd").Nodes);
        Assert.Equal(new[] { "in", "mid" }, netlist.Nodes);
    }

    [Fact]
    public void When_subcircuits_are_nested_Expect_ngspice_names_and_parameter_values()
    {
        var result = SpiceReader.ReadFile(Example("subcircuit.cir"));
        var netlist = result.Netlist;

        // ngspice prints these names for this file (see NgspiceRunnerTests).
        Assert.Contains("xa.col", netlist.Nodes);
        Assert.Contains("xa.x1.mid", netlist.Nodes);
        Assert.Contains("xb.x2.mid", netlist.Nodes);
        Assert.Contains("outb", netlist.Nodes);
        var amp = Element<Vcvs>(netlist, "e.xa.eamp");
        Assert.Equal(new[] { "outa", "0", "0", "xa.col" }, amp.Nodes);
        Assert.Equal(1e6, amp.Gain);
        Assert.Equal(10e3, Element<Resistor>(netlist, "r.xa.x1.rdev").Resistance);
        Assert.Equal(new[] { "inp", "xa.x1.mid" }, Element<Resistor>(netlist, "r.xa.x1.rdev").Nodes);
        Assert.Equal(100e3, Element<Resistor>(netlist, "r.xa.x2.rdev").Resistance);
        Assert.Equal(100e3, Element<Resistor>(netlist, "r.xb.x1.rdev").Resistance);
        Assert.Equal(2.5, Element<Resistor>(netlist, "r.xa.x1.rw").Resistance);
        Assert.Equal(5, Element<Resistor>(netlist, "r.xa.x2.rw").Resistance);
        Assert.Equal(10e3, Element<Resistor>(netlist, "r.xb.rfb").Resistance);
        Assert.Equal(-0.2, Element<VoltageSource>(netlist, "vn").Voltage);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void When_subcircuit_uses_global_node_and_ground_Expect_them_unprefixed()
    {
        const string text = """
            globals
            .global vdd
            .subckt load a
            R1 a vdd 1k
            R2 a gnd 2k
            R3 a 0 3k
            .ends
            Vdd vdd 0 1
            X1 n load
            X2 n load
            """;
        var netlist = SpiceReader.Read(text).Netlist;
        Assert.Equal(new[] { "n", "vdd" }, Element<Resistor>(netlist, "r.x2.r1").Nodes);
        Assert.Equal(new[] { "n", "0" }, Element<Resistor>(netlist, "r.x1.r2").Nodes);
        Assert.Equal(new[] { "n", "0" }, Element<Resistor>(netlist, "r.x1.r3").Nodes);
    }

    [Fact]
    public void When_parameters_use_expressions_Expect_evaluated_values()
    {
        const string text = """
            params
            .param a = 2  b={a*3} c='b + 1'
            .param d = 2 * c - 1
            .param e = {max(a, b) > 5 ? sqrt(16) : 0}
            .param f = 1.5k
            V1 x 0 {-a}
            R1 x 0 {b}
            R2 x 0 'c*1k'
            R3 x 0 {d}
            R4 x 0 {e}
            R5 x 0 {f/3}
            R6 x 0 f
            """;
        var netlist = SpiceReader.Read(text).Netlist;
        Assert.Equal(-2, Element<VoltageSource>(netlist, "v1").Voltage);
        Assert.Equal(6, Element<Resistor>(netlist, "r1").Resistance);
        Assert.Equal(7000, Element<Resistor>(netlist, "r2").Resistance);
        Assert.Equal(13, Element<Resistor>(netlist, "r3").Resistance);
        Assert.Equal(4, Element<Resistor>(netlist, "r4").Resistance);
        Assert.Equal(500, Element<Resistor>(netlist, "r5").Resistance);
        Assert.Equal(1500, Element<Resistor>(netlist, "r6").Resistance);
    }

    [Fact]
    public void When_behavioral_sources_use_parameters_and_subcircuit_nodes_Expect_flattened_expressions()
    {
        const string text = """
            behavioral
            .param k=1u v0=0.25
            .subckt sa p n out params: g=10
            Bsa out 0 V=tanh({g}*(V(p)-V(n)))
            Bleak p mid I = k * sinh(V(p, mid) / v0)
            Rm mid 0 1k
            .ends
            V1 a 0 0.2
            V2 b 0 0.1
            X1 a b o sa g=20
            Rl o 0 1k
            E1 e 0 VALUE={2*V(a)}
            G1 0 gg cur={1m*V(b)}
            Rg gg 0 1k
            Re e 0 1k
            """;
        var netlist = SpiceReader.Read(text).Netlist;
        var sa = Element<BehavioralSource>(netlist, "b.x1.bsa");
        Assert.Equal(BehavioralKind.Voltage, sa.Kind);
        Assert.Equal(new[] { "o", "0" }, sa.Nodes);
        Assert.Equal(Math.Tanh(20 * (0.2 - 0.1)), sa.Expression.Evaluate(n => n switch { "a" => 0.2, "b" => 0.1, _ => double.NaN }), 14);
        var leak = Element<BehavioralSource>(netlist, "b.x1.bleak");
        Assert.Equal(BehavioralKind.Current, leak.Kind);
        Assert.Equal(new[] { "a", "x1.mid" }, leak.Expression.Nodes);
        Assert.Equal(Math.Sinh(0.1 / 0.25), leak.Expression.Evaluate(n => n == "a" ? 0.2 : 0.1) * 1e6, 14);
        var e1 = Element<BehavioralSource>(netlist, "e1");
        Assert.Equal(BehavioralKind.Voltage, e1.Kind);
        Assert.Equal(0.4, e1.Expression.Evaluate(_ => 0.2), 15);
        var g1 = Element<BehavioralSource>(netlist, "g1");
        Assert.Equal(BehavioralKind.Current, g1.Kind);
        Assert.Equal(1e-4, g1.Expression.Evaluate(_ => 0.1), 15);
    }

    [Fact]
    public void When_netlist_has_unsupported_dot_commands_Expect_warnings_naming_the_lines()
    {
        const string text = """
            warnings
            V1 a 0 1
            .options reltol=1e-6 numdgt=15
            R1 a 0 1k
            .nodeset v(a)=1
            .print dc v(a)
            .temp 50
            .control
            let broken = ( unbalanced
            run
            .endc
            .op
            """;
        var result = SpiceReader.Read(text, "w.cir");
        Assert.Equal(2, result.Netlist.Elements.Count);
        Assert.Equal(4, result.Warnings.Count);
        Assert.StartsWith("w.cir:3: warning: not applied: numdgt", result.Warnings[0]);
        Assert.Equal(1e-6, result.Options.Dc.RelTol);
        Assert.StartsWith("w.cir:5: warning: '.nodeset'", result.Warnings[1]);
        Assert.StartsWith("w.cir:6: warning: '.print'", result.Warnings[2]);
        Assert.StartsWith("w.cir:7: warning: '.temp'", result.Warnings[3]);
        Assert.EndsWith("'.temp 50'", result.Warnings[3]);
    }

    [Fact]
    public void When_source_has_ac_and_transient_parts_Expect_dc_value_and_warning()
    {
        var result = SpiceReader.Read("t\nV1 a 0 DC 0.7 AC 1 0 SIN(0 1 1k)\nR1 a 0 1k\n", "s.cir");
        Assert.Equal(0.7, Element<VoltageSource>(result.Netlist, "v1").Voltage);
        Assert.Single(result.Warnings);
        Assert.StartsWith("s.cir:2: warning:", result.Warnings[0]);
    }

    [Fact]
    public void When_nested_definition_is_local_Expect_it_hidden_outside_its_parent()
    {
        const string text = """
            nested
            .subckt outer a
            .subckt inner p
            R1 p 0 1k
            .ends inner
            X1 a inner
            .ends outer
            V1 n 0 1
            X1 n outer
            X2 n inner
            """;
        var ex = Assert.Throws<BmcnnException>(() => SpiceReader.Read(text, "n.cir"));
        Assert.StartsWith("n.cir:10: unknown subcircuit 'inner'", ex.Message);
        var ok = SpiceReader.Read(text.Replace("X2 n inner", ""), "n.cir").Netlist;
        Assert.Equal(new[] { "n", "0" }, ok.Find("r.x1.x1.r1")!.Nodes);
    }

    internal const string ResistorParameters = """
        resistor parameters
        V1 a 0 1
        R1 a b 1k m=4
        R2 b 0 r=3k M=2 tc1=1e-3 TC2=1e-6
        R3 b 0 {2*1k} tc1=2m
        .end
        """;

    [Fact]
    public void When_resistor_has_multiplier_and_temperature_coefficients_Expect_parallel_value_and_one_warning_per_line()
    {
        var result = SpiceReader.Read(ResistorParameters, "r.cir");
        Assert.Equal(250, Element<Resistor>(result.Netlist, "r1").Resistance);
        Assert.Equal(1500, Element<Resistor>(result.Netlist, "r2").Resistance);
        Assert.Equal(2000, Element<Resistor>(result.Netlist, "r3").Resistance);
        Assert.Equal(2, result.Warnings.Count);
        Assert.StartsWith("r.cir:4: warning: 'tc1' ignored: the operating point is at the nominal temperature", result.Warnings[0]);
        Assert.StartsWith("r.cir:5: warning: 'tc1' ignored", result.Warnings[1]);
    }

    [Theory]
    [InlineData("R1 a 0 1k m=0", "r.cir:2: m (parallel multiplier) must be positive")]
    [InlineData("R1 a 0 1k m=-2", "r.cir:2: m (parallel multiplier) must be positive")]
    [InlineData("R1 a 0 1k m", "r.cir:2: unexpected text after the value: 'm'")]
    [InlineData("R1 a 0 1k m=", "r.cir:2: unexpected text after the value: 'm'")]
    [InlineData("R1 a 0 1k temp=50", "r.cir:2: unexpected text after the value: 'temp'")]
    [InlineData("R1 a 0 1k m=2 3k", "r.cir:2: unexpected text after the value: '3k'")]
    [InlineData("R1 a 0 1k m=x", "r.cir:2: bad number: 'x'")]
    public void When_resistor_parameters_are_wrong_Expect_one_line_error(string card, string expected)
    {
        var ex = Assert.Throws<BmcnnException>(() => SpiceReader.Read($"t\n{card}\nV1 a 0 1\n", "r.cir"));
        Assert.StartsWith(expected, ex.Message);
    }
}
